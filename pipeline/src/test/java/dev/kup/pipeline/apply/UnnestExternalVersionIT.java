package dev.kup.pipeline.apply;

import dev.kup.testkit.TestDatabase;
import dev.kup.testkit.PostgresExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default PostgreSQL stack: coalescing over isolated unnest writes. */
@ExtendWith(PostgresExtension.class)
class UnnestExternalVersionIT extends ExternalVersionContractIT {
  UnnestExternalVersionIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }

  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier(new UnnestUpdateWriter())));
  }
}
