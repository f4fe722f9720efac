package dev.kup.pipeline;

import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.UnnestUpdateWriter;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL's default strategy, unnest. */
@ExtendWith(PostgresExtension.class)
class UnnestStaleRecordsIT extends StaleRecordsContractIT {
  UnnestStaleRecordsIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }

  @Override
  JooqBatchApplier strategy() {
    return new JooqBatchApplier(new UnnestUpdateWriter());
  }
}
