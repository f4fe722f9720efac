package dev.kup.pipeline.apply;

import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL fast path: one UPDATE … FROM unnest(arrays) per group. */
@ExtendWith(PostgresExtension.class)
class UnnestApplierIT extends ApplierContractIT {
  UnnestApplierIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }

  @Override
  BatchApplier applier() {
    return isolating(new JooqBatchApplier(new UnnestUpdateWriter()));
  }
}
