package dev.kup.consumer.hostile;

import dev.kup.consumer.ServiceEnv;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile-input contract on MariaDB: the portable JDBC-batch path, strict modes, and a
 * database of each scenario's own, dropped after it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class MariaDbHostileInputIT extends HostileInputContractIT {
  private MariaDbDatabase scenarioDatabase;

  MariaDbHostileInputIT(KafkaBroker broker) {
    super(broker);
  }

  @Override
  ScenarioDatabase freshDatabase(KafkaBroker broker, String scenario) {
    scenarioDatabase = MariaDbExtension.create("hostile_" + scenario);
    MariaDbDatabase db = scenarioDatabase;
    return new ScenarioDatabase(
        new HostileTables(DSL.using(db.dataSource(), SQLDialect.MARIADB), "LONGTEXT",
            "TIMESTAMP(6) NULL", "FLOAT"),
        topic -> new ServiceEnv(broker, db.jdbcUrl(), null, null, topic));
  }

  @AfterEach
  void dropScenarioDatabase() {
    if (scenarioDatabase != null) {
      MariaDbExtension.drop(scenarioDatabase);
    }
  }

  @Override
  String database() {
    return "mariadb";
  }
}
