package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.pipeline.commit.JooqOffsetStore;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a partition resumes, against the real broker and PostgreSQL: records of aborted producer
 * transactions never apply, and a stored offset the log no longer holds is never reset silently.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class StoredOffsetsIT {
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    new JooqOffsetStore(dsl).createIfMissing();
  }

  @Test
  void recordsOfAnAbortedTransactionNeverApplyAndTheCommittedOnesDo() {
    AccountsModel model = new AccountsModel(20);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "aborted-txn");
    broker.createTopic(env.topic(), 1);
    try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("aborted-txn-producer")) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int id = 1; id <= 20; id++) { // valid updates: applied first, they would fence the others
        send(producer, env, UpdateRecord.update("accounts", Map.of("id", (long) id),
            AccountsModel.INITIAL_VERSION).set("status", "aborted"));
      }
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      for (int id = 1; id <= 20; id++) {
        send(producer, env, model.updateOf(id, 1, "committed"));
      }
      producer.commitTransaction();
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(service.failure()).isEmpty();
    }
    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).isEmpty();
  }

  @Test
  void aStoredOffsetBelowTheLogStartRefusesThatPartitionUntilEarliestIsChosenOnPurpose()
      throws Exception {
    AccountsModel model = new AccountsModel(30);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "retention-gap");
    broker.createTopic(env.topic(), 3);
    TopicPartition p0 = new TopicPartition(env.topic(), 0);
    long stored;
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publishPerPartition(p, model, "a");
      try (InProcessService first = InProcessService.start(env)) {
        Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
        assertThat(first.failure()).isEmpty();
      }
      stored = storedOffset(env, p0);
      for (int i = 0; i < 5; i++) { // never applied: retention deletes them
        p.publishTo(0, UpdateRecord.update("accounts", Map.of("id", 999_000L + i), 1).set("status", "lost"));
      }
      try (Admin admin = admin()) {
        admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(stored + 5))).all().get();
      }
      publishPerPartition(p, model, "b");
    }

    try (InProcessService refusing = InProcessService.start(env)) {
      int port = refusing.service().httpPort();
      await().atMost(Duration.ofMinutes(1)).until(() -> caughtUpExcept(env, p0));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        var ready = ScrapedMetrics.get(port, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"partitions\":{\"status\":\"DOWN\",\"reason\":\""
            + "retention-gap-0: stored offset " + stored + " is below the log start "
            + (stored + 5));
      });
      assertThat(storedOffset(env, p0)).isEqualTo(stored);
      assertThat(ScrapedMetrics.scrape(port).sum("kup_offset_reset_skipped_records_total",
          "partition", "0")).isZero();
      assertThat(refusing.isRunning()).isTrue();
    }

    try (InProcessService earliest = InProcessService.start(
        env.with("KUP_OFFSET_OUT_OF_RANGE_POLICY", "earliest"))) {
      int port = earliest.service().httpPort();
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(ScrapedMetrics.scrape(port).sum("kup_offset_reset_skipped_records_total",
          "topic", env.topic(), "partition", "0")).isEqualTo(5);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          ScrapedMetrics.get(port, "/health/ready").statusCode() == 200);
    }
    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).as("the deleted records never applied").isEmpty();
  }

  @Test
  void aStoredOffsetBeyondTheLogEndIsRefusedAndEarliestResumesAtTheStartSkippingNothing() {
    AccountsModel model = new AccountsModel(30);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "recreated");
    broker.createTopic(env.topic(), 3);
    TopicPartition p0 = new TopicPartition(env.topic(), 0);
    dsl.execute("INSERT INTO kup_offsets (group_id, topic, partition_no, next_offset, updated_at)"
        + " VALUES (?, ?, 0, 1000, now())", env.groupId(), env.topic());
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publishPerPartition(p, model, "a");
    }

    try (InProcessService refusing = InProcessService.start(env)) {
      int port = refusing.service().httpPort();
      await().atMost(Duration.ofMinutes(1)).until(() -> caughtUpExcept(env, p0));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(ScrapedMetrics.get(port, "/health/ready").body())
              .contains("recreated-0: stored offset 1000 is beyond the log end 10"));
    }
    assertThat(storedOffset(env, p0)).isEqualTo(1000);

    try (InProcessService earliest = InProcessService.start(
        env.with("KUP_OFFSET_OUT_OF_RANGE_POLICY", "earliest"))) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(ScrapedMetrics.scrape(earliest.service().httpPort())
          .sum("kup_offset_reset_skipped_records_total", "partition", "0")).isZero();
    }
    assertThat(storedOffset(env, p0)).isEqualTo(10);
    assertThat(model.differences(dsl)).isEmpty();
  }

  @Test
  void aPositionRetentionDeletesWhileItsPartitionBacksOffIsRefusedNotSilentlyReset()
      throws Exception {
    AccountsModel model = new AccountsModel(30);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "gap-while-waiting")
        .with("KUP_RETRY_MAX_ATTEMPTS", "1").with("KUP_RETRY_BACKOFF_INITIAL_MS", "50")
        .with("KUP_RETRY_BACKOFF_MAX_MS", "200");
    broker.createTopic(env.topic(), 3);
    TopicPartition p0 = new TopicPartition(env.topic(), 0);
    AtomicInteger failedAttempts = new AtomicInteger();
    AtomicBoolean failing = new AtomicBoolean();
    FaultPoints partitionZeroFails = new FaultPoints() {
      @Override
      public void beforeDatabaseCommit(MicroBatch batch) {
        if (failing.get() && batch.partition().partition() == 0) {
          failedAttempts.incrementAndGet();
          throw new IllegalStateException("partition 0 cannot commit (test fault point)");
        }
      }
    };

    try (InProcessService service = InProcessService.start(env, partitionZeroFails);
        TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publishPerPartition(p, model, "a");
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      long stored = storedOffset(env, p0);
      failing.set(true);
      for (int i = 0; i < 5; i++) {
        p.publishTo(0, UpdateRecord.update("accounts", Map.of("id", 999_000L + i), 1).set("status", "lost"));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts.get() >= 2);
      try (Admin admin = admin()) { // retention passes while the partition backs off
        admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(stored + 5))).all().get();
      }

      int port = service.service().httpPort();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(ScrapedMetrics.get(port, "/health/ready").body())
              .contains("gap-while-waiting-0: stored offset " + stored
                  + " is below the log start " + (stored + 5)));
      assertThat(storedOffset(env, p0)).isEqualTo(stored);
      assertThat(service.isRunning()).isTrue();
    }
  }

  /** Ten updates per partition, each row's in the partition of its id modulo 3. */
  private static void publishPerPartition(TestPublisher p, AccountsModel model, String tag) {
    for (int id = 1; id <= model.rows(); id++) {
      p.publishTo(id % 3, model.updateOf(id, 1, tag + id));
    }
  }

  private static boolean caughtUpExcept(ServiceEnv env, TopicPartition refused) {
    Map<TopicPartition, Long> committed = broker.committedOffsets(env.groupId(), env.topic());
    return broker.endOffsets(env.topic()).entrySet().stream()
        .filter(e -> !e.getKey().equals(refused))
        .allMatch(e -> e.getValue().equals(committed.get(e.getKey())));
  }

  private static long storedOffset(ServiceEnv env, TopicPartition tp) {
    return ((Number) dsl.fetchValue("SELECT next_offset FROM kup_offsets WHERE group_id = ?"
        + " AND topic = ? AND partition_no = ?", env.groupId(), tp.topic(), tp.partition()))
        .longValue();
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static KafkaProducer<byte[], byte[]> transactionalProducer(String id) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, id,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, ServiceEnv env, UpdateRecord r) {
    producer.send(new ProducerRecord<>(env.topic(), 0,
        r.kafkaKey().getBytes(StandardCharsets.UTF_8), UpdateRecordJson.toJson(r)));
  }
}
