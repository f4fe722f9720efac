package dev.kup.pipeline.commit;

import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The commit sequence and the offsets table on MariaDB. */
@ExtendWith(MariaDbExtension.class)
class MariaDbCommitSequenceIT extends CommitSequenceContractIT {
  MariaDbCommitSequenceIT(MariaDbDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.MARIADB));
  }
}
