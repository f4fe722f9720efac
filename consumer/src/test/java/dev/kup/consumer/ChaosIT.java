package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TcpProxy;
import dev.kup.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos suite: consumer JVMs apply a paced stream of increment updates (with ~0.1% poison)
 * while the test kills them with SIGKILL, cuts the database off, restarts the broker, freezes one
 * with SIGSTOP and scales the group 3 → 1 → 4. At the end the table must equal the independently
 * computed state exactly, the dead-letter topic must hold exactly the poisoned records, and the
 * committed offsets must be at the log end.
 *
 * <p>CI runs a reduced size; {@code ./mvnw clean verify -Pchaos} runs the full one (500,000 updates).
 * Sizes: system properties {@code kup.chaos.updates}, {@code kup.chaos.kills}, {@code
 * kup.chaos.outage.seconds}, {@code kup.chaos.publish.seconds}.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class ChaosIT {
  private static final Path LOGS = Path.of("target", "process-logs", "chaos");
  /** Refused by the database alone (CHECK balance >= 0, SQLSTATE 23514): poison at apply. */
  private static final java.math.BigDecimal POISON_BALANCE = new java.math.BigDecimal("-1");

  private final int updates = Integer.getInteger("kup.chaos.updates", 60_000);
  private final int kills = Integer.getInteger("kup.chaos.kills", 10);
  private final int outageSeconds = Integer.getInteger("kup.chaos.outage.seconds", 20);
  private final int publishSeconds = Integer.getInteger("kup.chaos.publish.seconds", 60);
  private final long seed = Long.getLong("kup.chaos.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private final Map<String, JvmProcess> consumers = new HashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private ServiceEnv env;

  @Test
  void keepsEveryPromiseThroughKillsOutagesABrokerRestartAZombieAndScaling(
      KafkaBroker broker, TestDatabase db) throws Exception {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    AccountsModel model = new AccountsModel(20_000, seed);
    AccountsModel.createTable(dsl, model.rows());
    new dev.kup.pipeline.commit.JooqOffsetStore(dsl).createIfMissing();
    Files.createDirectories(LOGS);
    long startedAt = System.nanoTime();
    int outages = 0;
    int brokerRestarts = 0;

    try (TcpProxy database = TcpProxy.start("127.0.0.1", db.port())) {
      env = new ServiceEnv(broker, db, "chaos").withDbPort(database.port())
          .with("KUP_BATCH_MAX_RECORDS", "500")
          .with("KUP_DB_IDLE_IN_TRANSACTION_TIMEOUT", "5s")
          .with("KUP_RETRY_BACKOFF_MAX_MS", "1000")
          .with("KUP_BREAKER_DELAY_MS", "2000");
      broker.createTopic(env.topic(), 6);
      PacedPublisher publisher = new PacedPublisher(broker, model);
      publisher.start();

      for (int i = 0; i < 3; i++) {
        startConsumer();
      }
      pauseWhileHealthy(Duration.ofSeconds(3));
      int killed = killAndRestart(kills / 2);

      database.cut();
      outages++;
      pauseWhileHealthy(Duration.ofSeconds(outageSeconds));
      database.restore();
      pauseWhileHealthy(Duration.ofSeconds(3));

      if (broker.restartable()) {
        broker.stop();
        brokerRestarts++;
        pauseWhileHealthy(Duration.ofSeconds(5));
        broker.start();
        pauseWhileHealthy(Duration.ofSeconds(3));
      }

      JvmProcess zombie = randomConsumer();
      zombie.sigstop();
      pauseWhileHealthy(Duration.ofSeconds(12));
      zombie.sigcont();
      pauseWhileHealthy(Duration.ofSeconds(3));

      scaleTo(1);
      pauseWhileHealthy(Duration.ofSeconds(3));
      scaleTo(4);
      pauseWhileHealthy(Duration.ofSeconds(3));
      killed += killAndRestart(kills - kills / 2);

      publisher.awaitDone(Duration.ofMinutes(10));
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(10));
      for (JvmProcess c : consumers.values()) {
        // a SIGTERM that lands while the JVM itself is still booting ends it with 143: wait for main
        await().atMost(Duration.ofMinutes(1))
            .until(() -> Files.readString(c.logFile()).contains("event.code=SERVICE_STARTED"));
        c.sigterm();
      }
      for (Map.Entry<String, JvmProcess> c : consumers.entrySet()) {
        assertThat(c.getValue().waitFor(Duration.ofMinutes(1))).as("%s stops cleanly:%n%s",
            c.getKey(), c.getValue().logTail(20)).isZero();
      }

      Set<String> dlqOrigins = new HashSet<>(ResilienceIT.origins(broker.readAll(env.deadLetterTopic())));
      int dlqRecords = broker.readAll(env.deadLetterTopic()).size();
      long[] lostAndDuplicated = model.lostAndDuplicated(dsl);
      System.out.printf("updates=%d kills=%d outages=%d lost=%d duplicated=%d dlq_expected=%d"
              + " dlq_actual=%d dlq_records=%d broker_restarts=%d zombies=1 scaling=3>1>4"
              + " consumers_started=%d seconds=%d seed=%d%n",
          updates, killed, outages, lostAndDuplicated[0], lostAndDuplicated[1],
          publisher.poison.size(), dlqOrigins.size(), dlqRecords, brokerRestarts, started.get(),
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt), seed);

      assertThat(killed).isGreaterThanOrEqualTo(kills);
      assertThat(model.differences(dsl)).as("seed %d", seed).isEmpty();
      assertThat(dlqOrigins).as("the DLQ holds exactly the poisoned records, seed %d", seed)
          .isEqualTo(publisher.poison);
      assertThat(broker.committedOffsets(env.groupId(), env.topic())).isEqualTo(broker.endOffsets(env.topic()));
    } finally {
      consumers.values().forEach(c -> {
        if (c.isAlive()) {
          c.kill9();
        }
      });
    }
  }

  /** Publishes the stream in chunks at a fixed rate, keeping the model and the poison list. */
  private final class PacedPublisher {
    final Set<String> poison = new HashSet<>();
    private final KafkaBroker broker;
    private final AccountsModel model;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final int chunk = 1_000;
    private int published;
    private volatile Throwable failure;

    PacedPublisher(KafkaBroker broker, AccountsModel model) {
      this.broker = broker;
      this.model = model;
    }

    void start() {
      long chunks = Math.max(1, updates / chunk);
      long periodMs = Math.max(1, publishSeconds * 1000L / chunks);
      TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic());
      scheduler.scheduleAtFixedRate(() -> {
        try {
          publishChunk(publisher);
        } catch (Throwable t) {
          failure = t;
          throw t;
        }
        if (published >= updates) {
          publisher.close();
          scheduler.shutdown();
        }
      }, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void publishChunk(TestPublisher publisher) {
      List<UpdateRecord> records = new ArrayList<>();
      List<Boolean> poisoned = new ArrayList<>();
      for (int i = 0; i < chunk && published < updates; i++, published++) {
        boolean bad = random.nextInt(1_000) == 0;
        if (bad) {
          int id = 1 + random.nextInt(model.rows());
          records.add(UpdateRecord.update("accounts", Map.of("id", (long) id), model.version(id))
              .set("balance", POISON_BALANCE));
        } else {
          records.add(model.nextUpdate());
        }
        poisoned.add(bad);
      }
      List<RecordMetadata> acks = publisher.publish(records);
      for (int i = 0; i < acks.size(); i++) {
        if (poisoned.get(i)) {
          poison.add(acks.get(i).partition() + "@" + acks.get(i).offset());
        }
      }
    }

    void awaitDone(Duration atMost) throws InterruptedException {
      assertThat(scheduler.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS))
          .as("publishing finished").isTrue();
      assertThat(failure).isNull();
    }
  }

  private int killAndRestart(int count) {
    for (int i = 0; i < count; i++) {
      String name = randomName();
      consumers.get(name).kill9();
      consumers.remove(name);
      startConsumer();
      pauseWhileHealthy(Duration.ofSeconds(2));
    }
    return count;
  }

  private void scaleTo(int size) {
    while (consumers.size() > size) {
      String name = randomName();
      JvmProcess leaving = consumers.remove(name);
      leaving.sigterm();
      assertThat(leaving.waitFor(Duration.ofMinutes(1))).as("%s leaves cleanly:%n%s", name,
          leaving.logTail(20)).isZero();
    }
    while (consumers.size() < size) {
      startConsumer();
    }
  }

  /** Lets time pass while checking that no consumer died on its own. */
  private void pauseWhileHealthy(Duration duration) {
    await().during(duration).atMost(duration.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
        .until(() -> consumers.values().stream().allMatch(JvmProcess::isAlive));
  }

  private void startConsumer() {
    String name = "c" + started.incrementAndGet();
    Path log = LOGS.resolve(name + ".log");
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> processEnv = new HashMap<>(env.asMap());
    processEnv.put("KUP_LOG_LEVEL", "INFO");
    consumers.put(name, JvmProcess.start("dev.kup.consumer.KupConsumerMain",
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of(), processEnv, log));
  }

  private JvmProcess randomConsumer() {
    return consumers.get(randomName());
  }

  private String randomName() {
    List<String> names = new ArrayList<>(consumers.keySet());
    names.sort(String::compareTo);
    return names.get(random.nextInt(names.size()));
  }
}
