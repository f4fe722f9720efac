package dev.kup.pipeline.apply;

import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portable strategy on H2, the embedded database: its catalog keeps the unquoted tables and
 * columns in upper case while records name them in lower case.
 */
@ExtendWith(H2Extension.class)
class H2JdbcBatchApplierIT extends ApplierContractIT {
  H2JdbcBatchApplierIT(H2Database db) {
    super(DSL.using(db.dataSource(), SQLDialect.H2));
  }

  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier());
  }
}
