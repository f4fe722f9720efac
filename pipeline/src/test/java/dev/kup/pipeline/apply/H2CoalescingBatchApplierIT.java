package dev.kup.pipeline.apply;

import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default H2 stack: hot-row coalescing over isolated JDBC batches. */
@ExtendWith(H2Extension.class)
class H2CoalescingBatchApplierIT extends ApplierContractIT {
  H2CoalescingBatchApplierIT(H2Database db) {
    super(DSL.using(db.dataSource(), SQLDialect.H2));
  }

  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier()));
  }
}
