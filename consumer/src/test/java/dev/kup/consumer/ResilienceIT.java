package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TcpProxy;
import dev.kup.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outages, unknown failures and rebalances, against the real broker and PostgreSQL. */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class ResilienceIT {
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  @Test
  void aDatabaseOutageOpensTheBreakerPausesEveryPartitionAndResumesWithoutLossOrDeadLetters() {
    DatabaseOutageScenario.run(
        broker, dsl, db.port(), topic -> new ServiceEnv(broker, db, topic), "db-outage");
  }

  @Test
  void aConsumerStartedWhileTheDatabaseIsDownWaitsForItInsteadOfCrashing() throws Exception {
    AccountsModel model = new AccountsModel(100);
    AccountsModel.createTable(dsl, model.rows());
    try (TcpProxy database = TcpProxy.start("127.0.0.1", db.port())) {
      ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "db-down-at-start").withDbPort(database.port()));
      broker.createTopic(env.topic(), 2);
      publish(env, model, 500);
      database.cut();
      var starting = java.util.concurrent.CompletableFuture.supplyAsync(() -> InProcessService.start(env));
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> !starting.isDone());
      database.restore();
      try (InProcessService service = starting.get(1, java.util.concurrent.TimeUnit.MINUTES)) {
        Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
        assertThat(service.failure()).isEmpty();
      }
    }
    assertThat(model.differences(dsl)).isEmpty();
  }

  @Test
  void theBrokerStoppedForThirtySecondsAndStartedAgainLosesNothing() {
    assumeTrue(broker.restartable(), "the broker under test cannot be restarted (external broker)");
    AccountsModel model = new AccountsModel(1_000, 23);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "broker-outage"));
    broker.createTopic(env.topic(), 6);
    List<RecordMetadata> poison = new ArrayList<>();
    try (InProcessService service = InProcessService.start(env)) {
      publish(env, model, 3_000);
      poison.add(publishPoison(env, 999_001));
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));

      broker.stop();
      await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(35)).until(service::isRunning);
      broker.start();

      publish(env, model, 3_000);
      poison.add(publishPoison(env, 999_002));
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
      assertThat(service.failure()).isEmpty();
    }
    assertThat(model.differences(dsl)).isEmpty();
    assertThat(origins(broker.readAll(env.deadLetterTopic()))).containsExactlyInAnyOrderElementsOf(
        poison.stream().map(m -> m.partition() + "@" + m.offset()).toList());
  }

  @Test
  void anUnwritableDeadLetterTopicHoldsBackOnlyThePartitionThatNeedsItUntilItIsBack() throws Exception {
    AccountsModel model = new AccountsModel(100, 3);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "dlq-outage"))
        .with("KUP_KAFKA_MAX_BLOCK_MS", "1000");
    broker.createTopic(env.topic(), 2);
    try (InProcessService service = InProcessService.start(env);
        TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().contains(env.deadLetterTopic()));
      admin.deleteTopics(Set.of(env.deadLetterTopic())).all().get();
      await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(env.deadLetterTopic()));

      // odd rows live in partition 0, even rows in partition 1; the stale update poisons partition 0
      RecordMetadata stale = p.publishTo(0, UpdateRecord.update("accounts", Map.of("id", 1L), 99).set("status", "stale"));
      for (int i = 0; i < 200; i++) {
        int id = 1 + (i % 100);
        p.publishTo(id % 2 == 1 ? 0 : 1, model.updateOf(id, 1, "u" + i));
      }
      TopicPartition p0 = new TopicPartition(env.topic(), 0);
      TopicPartition p1 = new TopicPartition(env.topic(), 1);
      long end1 = broker.endOffsets(env.topic()).get(p1);
      await().atMost(Duration.ofMinutes(1)).until(() -> end1 == broker.committedOffsets(env.groupId(), env.topic()).getOrDefault(p1, -1L));
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
          broker.committedOffsets(env.groupId(), env.topic()).getOrDefault(p0, 0L) <= stale.offset());

      broker.createTopic(env.deadLetterTopic(), 2);
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(service.failure()).isEmpty();
      assertThat(origins(broker.readAll(env.deadLetterTopic()))).containsOnly("0@" + stale.offset());
    }
    assertThat(model.differences(dsl)).isEmpty();
  }

  @Test
  void aRowThatKeepsFailingForAnUnknownReasonIsIsolatedAndDeadLetteredAlone() {
    AccountsModel model = new AccountsModel(300);
    AccountsModel.createTable(dsl, model.rows());
    dsl.execute("""
        CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$
        BEGIN
          IF NEW.status = 'boom' THEN RAISE EXCEPTION 'no booms here' USING ERRCODE = 'P0001'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""");
    dsl.execute("CREATE TRIGGER refuse_boom BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION refuse_boom()");
    ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "unknown-failure"));
    broker.createTopic(env.topic(), 3);
    Random random = new Random(5);
    RecordMetadata boom;
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      List<UpdateRecord> before = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        before.add(model.updateOf(2 + random.nextInt(299), 1, "b" + i));
      }
      p.publish(before);
      boom = p.publish(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("status", "boom"));
      List<UpdateRecord> after = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        after.add(model.updateOf(2 + random.nextInt(299), 1, "a" + i));
      }
      p.publish(after);
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
    }

    assertThat(model.differences(dsl)).isEmpty();
    List<ConsumerRecord<byte[], byte[]>> dlq = broker.readAll(env.deadLetterTopic());
    assertThat(origins(dlq)).containsExactly(boom.partition() + "@" + boom.offset());
    assertThat(header(dlq.get(0), DeadLetterHeaders.STAGE)).isEqualTo("apply");
    assertThat(header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("APPLY_FAILED");
    assertThat(header(dlq.get(0), DeadLetterHeaders.SQLSTATE)).isEqualTo("P0001");
  }

  @ParameterizedTest(name = "in-flight batch takes {0} ms, revocation waits at most {1}")
  @CsvSource({"1500, 30s", "4000, 1s"})
  void aRebalanceWithBatchesInFlightHandsPartitionsOverWithoutLossOrDuplicates(long delayMs, String revokeBound) {
    AccountsModel model = new AccountsModel(500, delayMs);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "revoke-" + delayMs)
        .with("KUP_BATCH_MAX_RECORDS", "100").with("KUP_SHUTDOWN_TIMEOUT", revokeBound);
    broker.createTopic(env.topic(), 6);
    publish(env, model, 3_000);
    FaultPoints slowCommits = new FaultPoints() {
      @Override
      public void beforeDatabaseCommit(MicroBatch batch) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };

    try (InProcessService slow = InProcessService.start(env, slowCommits)) {
      await().atMost(Duration.ofMinutes(1)).until(() -> storedProgress(env) > 0);
      try (InProcessService fast = InProcessService.start(env)) {
        Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
        assertThat(fast.failure()).isEmpty();
      }
      assertThat(slow.failure()).isEmpty();
    }

    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).as("no duplicate applied, no conflict").isEmpty();
  }

  static ServiceEnv fastRetries(ServiceEnv env) {
    return env.with("KUP_RETRY_BACKOFF_INITIAL_MS", "50").with("KUP_RETRY_BACKOFF_MAX_MS", "500")
        .with("KUP_RETRY_MAX_ATTEMPTS", "2").with("KUP_BREAKER_DELAY_MS", "1000");
  }

  private static void publish(ServiceEnv env, AccountsModel model, int count) {
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, count);
    }
  }


  /** A record that can never apply: its row does not exist. */
  private static RecordMetadata publishPoison(ServiceEnv env, long id) {
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      return p.publish(UpdateRecord.update("accounts", Map.of("id", id), 1).set("status", "ghost"));
    }
  }

  private static long storedProgress(ServiceEnv env) {
    Object sum = dsl.fetchValue("SELECT coalesce(sum(next_offset), 0) FROM kup_offsets WHERE group_id = ?",
        env.groupId());
    return ((Number) sum).longValue();
  }

  /** Distinct original partition@offset of dead letters: how a reader dedups at-least-once DLQ output. */
  static List<String> origins(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
    return deadLetters.stream()
        .map(r -> DeadLetterOrigin.of(r.headers()).map(o -> o.partition() + "@" + o.offset()).orElse("no origin"))
        .distinct().collect(Collectors.toList());
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
