package dev.kup.consumer;

import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/** The crash contract on PostgreSQL, where the service applies with {@code unnest}. */
@ExtendWith(PostgresExtension.class)
class CrashRecoveryIT extends CrashRecoveryContractIT {
  private final TestDatabase db;

  CrashRecoveryIT(KafkaBroker broker, TestDatabase db) {
    super(broker, DSL.using(db.dataSource(), SQLDialect.POSTGRES));
    this.db = db;
  }

  @Override
  ServiceEnv env(String topic) {
    return new ServiceEnv(broker(), db, topic);
  }

  @Override
  int databasePort() {
    return db.port();
  }
}
