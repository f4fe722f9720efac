package dev.kup.pipeline.commit;

import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The commit sequence and the offsets table on H2, the embedded database. */
@ExtendWith(H2Extension.class)
class H2CommitSequenceIT extends CommitSequenceContractIT {
  H2CommitSequenceIT(H2Database db) {
    super(DSL.using(db.dataSource(), SQLDialect.H2));
  }
}
