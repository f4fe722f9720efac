package dev.kup.pipeline.apply;

import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The portable strategy on PostgreSQL: jOOQ batches of bound statements. */
@ExtendWith(PostgresExtension.class)
class JdbcBatchApplierIT extends ApplierContractIT {
  JdbcBatchApplierIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }

  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier());
  }
}
