package dev.kup.consumer.hostile;

import dev.kup.consumer.ServiceEnv;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.H2Database;
import dev.kup.testkit.KafkaBrokerExtension;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile-input contract on H2, the embedded database: the portable JDBC-batch path, and a
 * catalog whose names are upper case. Each scenario gets an in-memory database of its own, shared
 * by the test and the service in this JVM.
 */
@ExtendWith(KafkaBrokerExtension.class)
class H2HostileInputIT extends HostileInputContractIT {

  H2HostileInputIT(KafkaBroker broker) {
    super(broker);
  }

  @Override
  ScenarioDatabase freshDatabase(KafkaBroker broker, String scenario) {
    H2Database db = new H2Database("jdbc:h2:mem:hostile_" + scenario.replace('-', '_') + "_"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ";DB_CLOSE_DELAY=-1");
    return new ScenarioDatabase(
        new HostileTables(DSL.using(db.dataSource(), SQLDialect.H2), "VARCHAR"),
        topic -> new ServiceEnv(broker, db.jdbcUrl(), "sa", null, topic));
  }

  @Override
  String database() {
    return "h2";
  }
}
