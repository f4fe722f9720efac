package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.localkit.KafkaBroker;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service on MariaDB: its transactions' isolation, and an outage under the breaker. */
@ExtendWith({KafkaBrokerExtension.class, MariaDbExtension.class})
class MariaDbServiceIT {

  @Test
  void batchesRunAtReadCommittedNotMariaDbsRepeatableReadDefault(
      KafkaBroker broker, MariaDbDatabase db) {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.MARIADB);
    assertThat(dsl.fetchValue("SELECT @@GLOBAL.tx_isolation")).isEqualTo("REPEATABLE-READ");
    AccountsModel model = new AccountsModel(200, 3);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db.jdbcUrl(), null, null, "mariadb-isolation")
        .with("KUP_BATCH_MAX_RECORDS", "100");
    broker.createTopic(env.topic(), 2);
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, 1_000);
    }
    Set<String> levels = ConcurrentHashMap.newKeySet();
    FaultPoints seeLevels = new FaultPoints() {
      @Override
      public void beforeDatabaseCommit(MicroBatch batch) {
        // the batch's transaction holds its row locks now, so InnoDB lists it
        dsl.fetch("SELECT trx_isolation_level FROM information_schema.INNODB_TRX")
            .forEach(r -> levels.add(r.get(0, String.class)));
      }
    };

    try (InProcessService service = InProcessService.start(env, seeLevels)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(service.failure()).isEmpty();
    }

    assertThat(levels).containsExactly("READ COMMITTED");
    assertThat(model.differences(dsl)).isEmpty();
  }

  @Test
  void aDatabaseOutageOpensTheBreakerPausesEveryPartitionAndResumesWithoutLossOrDeadLetters(
      KafkaBroker broker, MariaDbDatabase db) {
    DatabaseOutageScenario.run(broker, DSL.using(db.dataSource(), SQLDialect.MARIADB), db.port(),
        topic -> new ServiceEnv(broker, db.jdbcUrl(), null, null, topic), "mariadb-db-outage");
  }
}
