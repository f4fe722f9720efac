package dev.kup.consumer.hostile;

import dev.kup.consumer.ServiceEnv;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile-input contract on PostgreSQL, where the service applies with {@code unnest}: each
 * scenario gets a schema of its own beside the class's, dropped after it.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class PostgresHostileInputIT extends HostileInputContractIT {
  private final TestDatabase db;
  private final DSLContext classDsl;
  private String scenarioSchema;

  PostgresHostileInputIT(KafkaBroker broker, TestDatabase db) {
    super(broker);
    this.db = db;
    this.classDsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  @Override
  ScenarioDatabase freshDatabase(KafkaBroker broker, String scenario) {
    scenarioSchema = db.schema() + "_" + scenario.replaceAll("[^a-z0-9]", "_");
    classDsl.execute("CREATE SCHEMA " + scenarioSchema);
    TestDatabase own = new TestDatabase(
        db.jdbcUrl().replace("currentSchema=" + db.schema(), "currentSchema=" + scenarioSchema),
        db.user(), db.password(), scenarioSchema);
    return new ScenarioDatabase(
        new HostileTables(DSL.using(own.dataSource(), SQLDialect.POSTGRES), "TEXT"),
        topic -> new ServiceEnv(broker, own, topic));
  }

  @AfterEach
  void dropScenarioSchema() {
    if (scenarioSchema != null) {
      classDsl.execute("SET lock_timeout = '10s'");
      classDsl.execute("DROP SCHEMA IF EXISTS " + scenarioSchema + " CASCADE");
    }
  }

  @Override
  String database() {
    return "pg";
  }
}
