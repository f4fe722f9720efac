package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.pipeline.intake.FatalPipelineException;
import dev.kup.schemas.UpdateRecordJson;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failures on the worker path that must never wedge a partition silently: an {@link Error} stops
 * the service, a partition that keeps failing shows in readiness, and a record larger than the
 * memory bound is still applied.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class WorkerFailuresIT {
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
  void anErrorOnAWorkerStopsTheServiceWithAFatalFailureNamingThePartition() {
    AccountsModel model = new AccountsModel(10);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "worker-error"));
    broker.createTopic(env.topic(), 1);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      p.publish(model.updateOf(1, 1, "x"));
    }
    java.util.concurrent.atomic.AtomicInteger thrown = new java.util.concurrent.atomic.AtomicInteger();
    FaultPoints stackOverflow = new FaultPoints() {
      @Override
      public void beforeDatabaseCommit(MicroBatch batch) {
        thrown.incrementAndGet();
        throw new StackOverflowError("from a test fault point");
      }
    };

    try (InProcessService service = InProcessService.start(env, stackOverflow)) {
      await().atMost(Duration.ofMinutes(1)).until(() -> !service.isRunning());
      assertThat(service.failure()).get().isInstanceOf(FatalPipelineException.class)
          .satisfies(e -> assertThat(e.getMessage())
              .contains("worker-error-0", "StackOverflowError", "from a test fault point"));
    }
    assertThat(thrown).as("an Error is never retried: the service stops at the first").hasValue(1);
    assertThat(dsl.fetchValue("SELECT version FROM accounts WHERE id = 1")).isEqualTo(1L);
  }

  @Test
  void thePackagedJarExitsWithCodeOneOnAWorkerError() {
    Path jar = Path.of("target", "kup-consumer.jar");
    assertThat(jar).as("built by the package phase").exists();
    AccountsModel model = new AccountsModel(10);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "worker-error-jar"));
    broker.createTopic(env.topic(), 1);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      p.publish(model.updateOf(1, 1, "x"));
    }

    JvmProcess service = JvmProcess.startJar(jar,
        List.of("-D" + SystemPropertyFaultPoints.ERROR_BEFORE_DB_COMMIT + "=true"), List.of(),
        env.asMap(), Path.of("target", "process-logs", "worker-error-jar.log"));

    assertThat(service.waitFor(Duration.ofMinutes(1))).as(service.logTail(20)).isEqualTo(1);
    assertThat(service.logTail(40)).contains("\"event.code\":\"FATAL\"", "worker-error-jar-0",
        "StackOverflowError");
  }

  @Test
  void aPartitionWhoseBatchesKeepFailingFailsReadinessNamingItUntilItCommitsAgain() {
    AccountsModel model = new AccountsModel(30);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = fastRetries(new ServiceEnv(broker, db, "stuck"))
        .with("KUP_STUCK_PARTITION_TIMEOUT", "2s");
    broker.createTopic(env.topic(), 2);
    AtomicBoolean failing = new AtomicBoolean(true);
    FaultPoints partitionZeroFails = new FaultPoints() {
      @Override
      public void beforeDatabaseCommit(MicroBatch batch) {
        if (failing.get() && batch.partition().partition() == 0) {
          throw new IllegalStateException("partition 0 cannot commit (test fault point)");
        }
      }
    };

    try (InProcessService service = InProcessService.start(env, partitionZeroFails);
        TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      for (int id = 1; id <= 30; id++) {
        p.publishTo(id % 2, model.updateOf(id, 1, "s" + id));
      }
      int port = service.service().httpPort();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        var ready = ScrapedMetrics.get(port, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"partitions\":{\"status\":\"DOWN\",\"reason\":\"stuck-0: no batch"
            + " committed for").contains("failed deliveries").doesNotContain("stuck-1");
      });

      failing.set(false);
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      await().atMost(Duration.ofSeconds(10)).until(() ->
          ScrapedMetrics.get(port, "/health/ready").statusCode() == 200);
      assertThat(service.failure()).isEmpty();
    }
    assertThat(model.differences(dsl)).isEmpty();
  }

  @Test
  void aRecordLargerThanTheMemoryBoundIsAppliedAloneWithoutStallingItsPartition() {
    AccountsModel model = new AccountsModel(50, 4);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "oversized")
        .with("KUP_BATCH_MAX_BYTES", "1024").with("KUP_MAX_IN_FLIGHT_BYTES", "1024");
    broker.createTopic(env.topic(), 1);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic());
        KafkaProducer<byte[], byte[]> raw = rawProducer()) {
      p.publishRandomUpdates(model, 100);
      var big = model.updateOf(7, 1, "big");
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace-context", new byte[64 * 1024]);
      raw.send(new ProducerRecord<>(env.topic(), 0, null,
          big.kafkaKey().getBytes(StandardCharsets.UTF_8), UpdateRecordJson.toJson(big), headers)).get();
      p.publishRandomUpdates(model, 100);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(service.failure()).isEmpty();
    }
    assertThat(model.differences(dsl)).isEmpty();
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static ServiceEnv fastRetries(ServiceEnv env) {
    return env.with("KUP_RETRY_BACKOFF_INITIAL_MS", "50").with("KUP_RETRY_BACKOFF_MAX_MS", "500")
        .with("KUP_RETRY_MAX_ATTEMPTS", "2").with("KUP_BREAKER_DELAY_MS", "1000");
  }
}
