package dev.kup.pipeline.apply;

import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** External versions on MariaDB: the portable strategy, as the service composes it. */
@ExtendWith(MariaDbExtension.class)
class MariaDbExternalVersionIT extends ExternalVersionContractIT {
  MariaDbExternalVersionIT(MariaDbDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.MARIADB));
  }

  @Override
  BatchApplier applier() {
    return new CoalescingApplier(isolating(new JooqBatchApplier()));
  }
}
