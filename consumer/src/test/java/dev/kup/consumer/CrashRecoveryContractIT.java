package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing is lost and nothing is applied twice when the consumer process dies: real consumer JVMs,
 * halted at a fault point or killed with SIGKILL, then restarted. Each subclass names one
 * database.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
abstract class CrashRecoveryContractIT {
  private static final Path LOGS = Path.of("target", "process-logs");
  private final KafkaBroker broker;
  private final DSLContext dsl;

  CrashRecoveryContractIT(KafkaBroker broker, DSLContext dsl) {
    this.broker = broker;
    this.dsl = dsl;
  }

  KafkaBroker broker() {
    return broker;
  }

  /** The service's environment against this class's database, on {@code topic}. */
  abstract ServiceEnv env(String topic);

  /** The database's TCP port on loopback, for an outage proxy in front of it. */
  abstract int databasePort();

  @BeforeAll
  void setUp() throws Exception {
    Files.createDirectories(LOGS);
    // as a DBA would, ahead of the consumers: progress can be read before the first one starts
    new dev.kup.pipeline.commit.JooqOffsetStore(dsl).createIfMissing();
  }

  @Test
  void aCrashBetweenTheDatabaseCommitAndTheKafkaCommitAppliesNothingTwice() {
    AccountsModel model = new AccountsModel(200, 11);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = env("crash-halt").with("KUP_BATCH_MAX_RECORDS", "200");
    broker.createTopic(env.topic(), 6);
    publish(env, model, 20_000);

    JvmProcess halting = startConsumer(env, "halt-1", List.of("-Dkup.fault.halt-after-db-commit=5"));
    assertThat(halting.waitFor(Duration.ofMinutes(2)))
        .as("the fault point halted the process; log:%n%s", halting.logTail(40))
        .isEqualTo(86);
    assertThat(storedProgress(env)).as("the DB is ahead of Kafka: the crash window was hit")
        .isGreaterThan(committedProgress(env));

    JvmProcess restarted = startConsumer(env, "halt-2", List.of());
    try {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
    } finally {
      stop(restarted);
    }

    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).as("no spurious conflicts").isEmpty();
  }

  @Test
  void survivesRepeatedKillNineAtRandomMomentsWithExactStateAndOffsetsAtTheLogEnd() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int updates = Integer.getInteger("kup.test.kill.updates", 200_000);
    AccountsModel model = new AccountsModel(20_000, seed);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = env("crash-kill");
    broker.createTopic(env.topic(), 6);
    publish(env, model, updates);

    // kill points spread over the run, each after real progress
    TreeSet<Long> killAt = new TreeSet<>();
    while (killAt.size() < 6) {
      killAt.add((long) (updates * (0.05 + 0.85 * random.nextDouble())));
    }
    int kills = 0;
    JvmProcess consumer = startConsumer(env, "kill-0", List.of());
    for (long threshold : killAt) {
      JvmProcess current = consumer;
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
          .until(() -> storedProgress(env) >= threshold || !current.isAlive());
      assertThat(current.isAlive()).as("consumer died on its own:%n%s", current.logTail(40)).isTrue();
      current.kill9();
      kills++;
      consumer = startConsumer(env, "kill-" + kills, List.of());
    }
    try {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(5));
    } finally {
      stop(consumer);
    }

    System.out.printf("kill-nine run: updates=%d kills=%d killedAtStoredProgress=%s seed=%d%n",
        updates, kills, killAt, seed);
    assertThat(kills).as("seed %d", seed).isGreaterThanOrEqualTo(5);
    assertThat(model.differences(dsl)).as("seed %d", seed).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).as("no spurious conflicts, seed %d", seed).isEmpty();
    assertThat(broker.committedOffsets(env.groupId(), env.topic())).isEqualTo(broker.endOffsets(env.topic()));
  }

  @Test
  void sigtermFinishesInFlightWorkCommitsAndExitsZero() {
    AccountsModel model = new AccountsModel(1_000, 5);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = env("sigterm");
    broker.createTopic(env.topic(), 6);
    publish(env, model, 30_000);

    JvmProcess consumer = startConsumer(env, "sigterm", List.of());
    await().atMost(Duration.ofMinutes(2)).until(() -> storedProgress(env) > 0);
    consumer.sigterm();

    assertThat(consumer.waitFor(Duration.ofSeconds(30))).as(consumer.logTail(30)).isZero();
    assertThat(committedOffsets(env)).as("Kafka holds what the DB committed")
        .isEqualTo(storedOffsets(env));
  }

  @Test
  void sigtermWhileStartingUpAgainstADownDatabaseExitsZeroAtOnceHavingConsumedNothing() throws Exception {
    AccountsModel model = new AccountsModel(50, 9);
    AccountsModel.createTable(dsl, model.rows());
    try (dev.kup.testkit.TcpProxy database = dev.kup.testkit.TcpProxy.start("127.0.0.1", databasePort())) {
      ServiceEnv env = env("sigterm-starting").withDbPort(database.port());
      broker.createTopic(env.topic(), 2);
      publish(env, model, 200);
      database.cut();
      JvmProcess consumer = startConsumer(env, "starting", List.of());
      await().atMost(Duration.ofMinutes(1))
          .until(() -> consumer.logTail(50).contains("STARTUP_WAITING_FOR_DATABASE"));
      consumer.sigterm();

      assertThat(consumer.waitFor(Duration.ofSeconds(10))).as(consumer.logTail(30)).isZero();
      assertThat(consumer.logTail(30)).contains("during startup");
      assertThat(committedOffsets(env)).as("nothing consumed, nothing committed").isEmpty();
    }
    assertThat(storedProgress(env("sigterm-starting"))).isZero();
  }

  @Test
  void aFrozenConsumerThatLostItsPartitionsCannotCommitOverTheNewOwner() throws Exception {
    AccountsModel model = new AccountsModel(2_000, 99);
    AccountsModel.createTable(dsl, model.rows());
    // the zombie's batches linger 1.5 s inside their transaction, so the freeze catches them
    // mid-commit: the database ends those sessions, and the resumed zombie must be refused
    ServiceEnv env = env("zombie")
        .with("KUP_BATCH_MAX_RECORDS", "100")
        .with("KUP_DB_IDLE_IN_TRANSACTION_TIMEOUT", "5s");
    broker.createTopic(env.topic(), 6);
    publish(env, model, 20_000);

    JvmProcess zombie = startConsumer(env, "zombie-a",
        List.of("-Dkup.fault.delay-before-db-commit-ms=1500"));
    await().atMost(Duration.ofMinutes(1)).until(() -> storedProgress(env) > 500);
    JvmProcess successor = startConsumer(env, "zombie-b", List.of());
    // both own partitions and work: the zombie has batches inside transactions when it freezes
    await().atMost(Duration.ofMinutes(1)).until(() ->
        Files.readString(successor.logFile()).contains("PARTITIONS_POSITIONED")
            && Files.readString(zombie.logFile()).split("PARTITIONS_POSITIONED", -1).length > 2);
    long before = storedProgress(env);
    await().atMost(Duration.ofMinutes(1)).until(() -> storedProgress(env) > before + 500);
    zombie.sigstop();
    try {
      // the successor finishes everything while the zombie is frozen, its locks released by the DB
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
    } finally {
      zombie.sigcont();
    }
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
        .until(() -> broker.committedOffsets(env.groupId(), env.topic()).equals(broker.endOffsets(env.topic())));
    stop(zombie);
    stop(successor);

    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).as("no spurious conflicts").isEmpty();
    assertThat(Files.readString(zombie.logFile()) + Files.readString(successor.logFile()))
        .as("the resumed zombie's stale batch was refused").containsAnyOf("BATCH_FENCED",
            "idle-in-transaction", "I/O error",
            "Cannot commit transaction"); // MariaDB ended the idle session: its commit fails
  }

  private void publish(ServiceEnv env, AccountsModel model, int count) {
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, count);
    }
  }


  private JvmProcess startConsumer(ServiceEnv env, String name, List<String> extraJvmArgs) {
    List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    jvmArgs.addAll(extraJvmArgs);
    Path log = LOGS.resolve(env.topic() + "-" + name + ".log");
    try {
      Files.deleteIfExists(log);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> processEnv = new java.util.HashMap<>(env.asMap());
    processEnv.put("KUP_LOG_LEVEL", "INFO");
    return JvmProcess.start("dev.kup.consumer.KupConsumerMain", jvmArgs, List.of(), processEnv, log);
  }

  private static void stop(JvmProcess process) {
    process.sigterm();
    process.waitFor(Duration.ofSeconds(30));
  }

  private long storedProgress(ServiceEnv env) {
    return storedOffsets(env).values().stream().mapToLong(Long::longValue).sum();
  }

  private long committedProgress(ServiceEnv env) {
    return committedOffsets(env).values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<TopicPartition, Long> committedOffsets(ServiceEnv env) {
    return broker.committedOffsets(env.groupId(), env.topic());
  }

  private Map<TopicPartition, Long> storedOffsets(ServiceEnv env) {
    return dsl.fetch("SELECT partition_no, next_offset FROM kup_offsets WHERE group_id = ? AND topic = ?",
            env.groupId(), env.topic())
        .intoMap(r -> new TopicPartition(env.topic(), r.get(0, Integer.class)), r -> r.get(1, Long.class));
  }
}
