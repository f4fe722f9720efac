package dev.kup.pipeline.apply;

import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portable strategy on MariaDB with the driver counting affected rather than found rows
 * ({@code useAffectedRows=true}), as a URL may ask: a version-checked write always changes its
 * row's version, so both counts tell applied from unmatched alike.
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbAffectedRowsApplierIT extends ApplierContractIT {
  MariaDbAffectedRowsApplierIT(MariaDbDatabase db) {
    super(DSL.using(new MariaDbDatabase(db.jdbcUrl() + "&useAffectedRows=true", db.name())
        .dataSource(), SQLDialect.MARIADB));
  }

  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier()));
  }
}
