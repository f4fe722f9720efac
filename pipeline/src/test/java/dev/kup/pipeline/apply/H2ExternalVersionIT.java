package dev.kup.pipeline.apply;

import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default H2 stack: coalescing over isolated JDBC batches; H2 keeps names in upper case. */
@ExtendWith(H2Extension.class)
class H2ExternalVersionIT extends ExternalVersionContractIT {
  H2ExternalVersionIT(H2Database db) {
    super(DSL.using(db.dataSource(), SQLDialect.H2));
  }

  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier()));
  }
}
