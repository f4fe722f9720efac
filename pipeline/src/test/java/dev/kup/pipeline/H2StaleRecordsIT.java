package dev.kup.pipeline;

import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** H2, with JDBC batches. */
@ExtendWith(H2Extension.class)
class H2StaleRecordsIT extends StaleRecordsContractIT {
  H2StaleRecordsIT(H2Database db) {
    super(DSL.using(db.dataSource(), SQLDialect.H2));
  }

  @Override
  JooqBatchApplier strategy() {
    return new JooqBatchApplier();
  }
}
