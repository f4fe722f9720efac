package dev.kup.pipeline.apply;

import dev.kup.testkit.TestDatabase;
import dev.kup.testkit.PostgresExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** Unnest writes without coalescing (KUP_COALESCE=false): a row's events run in waves. */
@ExtendWith(PostgresExtension.class)
class UnnestExternalVersionUncoalescedIT extends ExternalVersionContractIT {
  UnnestExternalVersionUncoalescedIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }

  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier(new UnnestUpdateWriter()));
  }
}
