package dev.kup.pipeline.apply;

import dev.kup.testkit.TestDatabase;
import dev.kup.testkit.PostgresExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The portable strategy on PostgreSQL (KUP_APPLY_STRATEGY=batch). */
@ExtendWith(PostgresExtension.class)
class JdbcBatchExternalVersionIT extends ExternalVersionContractIT {
  JdbcBatchExternalVersionIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }

  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier()));
  }
}
