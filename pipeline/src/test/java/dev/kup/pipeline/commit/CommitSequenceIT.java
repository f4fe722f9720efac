package dev.kup.pipeline.commit;

import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The commit sequence and the offsets table on PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class CommitSequenceIT extends CommitSequenceContractIT {
  CommitSequenceIT(TestDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.POSTGRES));
  }
}
