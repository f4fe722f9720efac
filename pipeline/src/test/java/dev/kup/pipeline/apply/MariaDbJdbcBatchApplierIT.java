package dev.kup.pipeline.apply;

import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The portable strategy on MariaDB: jOOQ batches of bound statements. */
@ExtendWith(MariaDbExtension.class)
class MariaDbJdbcBatchApplierIT extends ApplierContractIT {
  MariaDbJdbcBatchApplierIT(MariaDbDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.MARIADB));
  }

  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier());
  }
}
