package dev.kup.consumer;

import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The crash contract on MariaDB (JDBC batches, READ COMMITTED): SIGKILL at random moments, a halt
 * between the database's commit and Kafka's, a frozen consumer fenced by {@code
 * idle_transaction_timeout}, and SIGTERM while the database is unreachable.
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbCrashRecoveryIT extends CrashRecoveryContractIT {
  private final MariaDbDatabase db;

  MariaDbCrashRecoveryIT(KafkaBroker broker, MariaDbDatabase db) {
    super(broker, DSL.using(db.dataSource(), SQLDialect.MARIADB));
    this.db = db;
  }

  @Override
  ServiceEnv env(String topic) {
    // the test run's one broker also serves CrashRecoveryIT: topics and groups of their own
    return new ServiceEnv(broker(), db.jdbcUrl(), null, null, "mariadb-" + topic);
  }

  @Override
  int databasePort() {
    return db.port();
  }
}
