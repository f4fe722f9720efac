package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator's work on the dead letters the running service made, with the real {@code kup}
 * command in a process of its own: list and filter them, fix the cause, replay, see them applied;
 * the loop guard; a replay killed with SIGKILL resumes and applies nothing twice.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class DeadLetterOperationsIT {
  private static final Path LOGS = Path.of("target", "dlq-operations");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  /** What one run of {@code kup} printed (stdout and stderr, in order) and how it exited. */
  record Run(int exitCode, List<String> lines) {
    List<JsonNode> json() {
      List<JsonNode> documents = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("{\"failed_at\"") || line.startsWith("{\"total\"")) {
          try {
            documents.add(JSON.readTree(line));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return documents;
    }

    String last(String prefix) {
      return lines.stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse(null);
    }
  }

  @Test
  void lettersAreListedFilteredFixedReplayedAndAppliedAndALetterThatKeepsFailingIsRefused()
      throws Exception {
    AccountsModel.createTable(dsl, 20);
    ServiceEnv env = new ServiceEnv(broker, db, "dlq-ops");
    broker.createTopic(env.topic(), 3);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      for (long id = 1; id <= 6; id++) {
        p.publish(List.of(update(id).set("nickname", "n" + id)));
      }
      p.publish(List.of(update(9).set("balance", new BigDecimal("-5"))));
      for (long id = 10; id <= 20; id++) { // good ones, in every partition
        p.publish(List.of(update(id).set("status", "fine")));
      }
    }
    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
    }
    assertThat(letters(env)).hasSize(7);

    List<JsonNode> unknown = kup(env, "dlq", "ls", "--reason", "UNKNOWN_COLUMN", "--json").json();
    assertThat(unknown).hasSize(6).allSatisfy(letter -> {
      assertThat(letter.get("table").asText()).isEqualTo("accounts");
      assertThat(letter.get("stage").asText()).isEqualTo("validate");
      assertThat(letter.get("original_topic").asText()).isEqualTo(env.topic());
    });
    assertThat(unknown).extracting(l -> l.get("key").asText())
        .containsExactlyInAnyOrder("accounts:1", "accounts:2", "accounts:3", "accounts:4",
            "accounts:5", "accounts:6");
    Run apply = kup(env, "dlq", "ls", "--stage", "apply", "--table", "accounts");
    assertThat(apply.lines()).filteredOn(l -> l.contains("key=accounts:"))
        .singleElement().asString().contains("CONSTRAINT_VIOLATION").contains("key=accounts:9");
    assertThat(kup(env, "dlq", "ls", "--limit", "2", "--json").json()).hasSize(2);
    assertThat(kup(env, "dlq", "ls", "--since", "1h", "--until", "2h", "--json").json()).isEmpty();
    String traceId = unknown.get(0).get("trace_id").asText();
    assertThat(kup(env, "dlq", "ls", "--trace-id", traceId, "--json").json())
        .isNotEmpty().allSatisfy(l -> assertThat(l.get("trace_id").asText()).isEqualTo(traceId));
    int partition = unknown.get(0).get("original_partition").asInt();
    assertThat(kup(env, "dlq", "ls", "--partition", Integer.toString(partition), "--json").json())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.get("original_partition").asInt()).isEqualTo(partition));

    JsonNode stats = kup(env, "dlq", "stats", "--json").json().get(0);
    assertThat(stats.get("total").asLong()).isEqualTo(7);
    assertThat(stats.get("by_reason").get("UNKNOWN_COLUMN").asLong()).isEqualTo(6);
    assertThat(stats.get("by_reason").get("CONSTRAINT_VIOLATION").asLong()).isEqualTo(1);
    assertThat(stats.get("by_table").get("accounts").asLong()).isEqualTo(7);

    String position = unknown.get(0).get("dlq_partition").asInt() + "@"
        + unknown.get(0).get("dlq_offset").asLong();
    Run show = kup(env, "dlq", "show", position);
    assertThat(show.exitCode()).isZero();
    assertThat(String.join("\n", show.lines()))
        .contains("kup.dlq.reason = UNKNOWN_COLUMN")
        .contains(DeadLetterHeaders.ORIGINAL_OFFSET + " = " + unknown.get(0).get("original_offset").asLong())
        .contains("\"nickname\" : ");
    assertThat(kup(env, "dlq", "show", "0@999999").exitCode()).isEqualTo(3);

    // the cause is fixed: the column exists; the restarted service knows it
    dsl.execute("ALTER TABLE accounts ADD COLUMN nickname TEXT");
    Run dryRun = kup(env, "replay", "--reason", "UNKNOWN_COLUMN", "--dry-run");
    assertThat(dryRun.last("replayed=")).isEqualTo("replayed=6 skipped=1 failed=0 refused=0");
    assertThat(broker.endOffsets(env.topic()).values().stream().mapToLong(Long::longValue).sum())
        .as("a dry run sends nothing").isEqualTo(18);
    assertThat(broker.committedOffsets("kup-replay", env.deadLetterTopic()))
        .as("a dry run commits nothing").isEmpty();

    try (InProcessService service = InProcessService.start(env)) {
      Run replay = kup(env, "replay", "--reason", "UNKNOWN_COLUMN");
      assertThat(replay.exitCode()).isZero();
      assertThat(replay.last("replayed=")).isEqualTo("replayed=6 skipped=1 failed=0 refused=0");
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(dsl.fetch("SELECT id, nickname, version FROM accounts WHERE nickname IS NOT NULL"
              + " ORDER BY id").map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
          .containsExactly("1 n1 2", "2 n2 2", "3 n3 2", "4 n4 2", "5 n5 2", "6 n6 2");
      assertThat(letters(env)).as("nothing replayed failed again").hasSize(7);

      // a letter whose cause is not fixed goes round at most --max-replays times (another group:
      // kup-replay read past it above)
      for (int round = 1; round <= 2; round++) {
        Run again = kup(env, "replay", "--reason", "CONSTRAINT_VIOLATION", "--max-replays", "2",
            "--group", "loop");
        assertThat(again.last("replayed=")).as("round %d", round)
            .isEqualTo("replayed=1 skipped=" + (round == 1 ? 6 : 0) + " failed=0 refused=0");
        int expected = 7 + round;
        await().atMost(Duration.ofMinutes(1)).until(() -> letters(env).size() == expected);
        assertThat(DeadLetterHeaders.valueOf(letters(env).get(expected - 1).headers(),
            DeadLetterHeaders.REPLAY_COUNT)).isEqualTo(Integer.toString(round));
      }
      Run refused = kup(env, "replay", "--reason", "CONSTRAINT_VIOLATION", "--max-replays", "2",
          "--group", "loop");
      assertThat(refused.exitCode()).isZero();
      assertThat(refused.last("replayed=")).isEqualTo("replayed=0 skipped=0 failed=0 refused=1");
      assertThat(refused.lines()).anyMatch(l -> l.startsWith("refused ")
          && l.contains("key=accounts:9") && l.contains("replayed 2 times already"));
    }
    BigDecimal balance = dsl.fetchSingle("SELECT balance FROM accounts WHERE id = 9")
        .get(0, BigDecimal.class);
    assertThat(balance).as("the refused letter never changed its row").isEqualByComparingTo("0");
  }

  @Test
  void aReplayKilledWithSigkillResumesFromItsLastCheckpointAndAppliesEveryLetterOnce()
      throws Exception {
    int rows = 2_000;
    AccountsModel.createTable(dsl, rows);
    ServiceEnv env = new ServiceEnv(broker, db, "dlq-resume");
    broker.createTopic(env.topic(), 3);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      List<UpdateRecord> updates = new ArrayList<>();
      for (long id = 1; id <= rows; id++) {
        updates.add(update(id).set("nickname", "n" + id));
      }
      p.publish(updates);
    }
    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
    }
    assertThat(letters(env)).hasSize(rows);
    dsl.execute("ALTER TABLE accounts ADD COLUMN nickname TEXT");

    try (InProcessService service = InProcessService.start(env)) {
      // 300 letters a second: the first checkpoint (5 s) comes long before the end (6.7 s)
      JvmProcess slow = start(env, "replay", "--rate", "300");
      Path log = slow.logFile();
      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
          .until(() -> Files.readString(log).contains("replay: read "));
      slow.kill9();
      slow.waitFor(Duration.ofSeconds(30));
      assertThat(Files.readAllLines(log)).as("it did not finish")
          .noneMatch(l -> l.startsWith("replayed="));
      var committed = broker.committedOffsets("kup-replay", env.deadLetterTopic());
      long checkpointed = committed.values().stream().mapToLong(Long::longValue).sum();
      assertThat(checkpointed).as("the first checkpoint was committed: %s; the replay said %s",
          committed, Files.readAllLines(log)).isBetween(1L, rows - 1L);

      Run resumed = kup(env, "replay");
      assertThat(resumed.exitCode()).isZero();
      assertThat(resumed.last("replayed="))
          .isEqualTo("replayed=" + (rows - checkpointed) + " skipped=0 failed=0 refused=0");

      await().atMost(Duration.ofMinutes(2)).until(() -> dsl.fetchCount(
          DSL.selectFrom("accounts").where("nickname IS NOT NULL")) == rows);
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
    }
    assertThat(dsl.fetch("SELECT count(*) FROM accounts WHERE nickname = 'n' || id AND version = 2")
        .get(0).get(0, Long.class)).as("every row applied exactly once").isEqualTo(rows);
    List<ConsumerRecord<byte[], byte[]>> again = letters(env).subList(rows, letters(env).size());
    assertThat(again).as("a letter sent twice met its row already moved on")
        .allSatisfy(r -> assertThat(DeadLetterHeaders.valueOf(r.headers(), DeadLetterHeaders.REASON))
            .isEqualTo("VERSION_CONFLICT"));
  }

  private static UpdateRecord update(long id) {
    return UpdateRecord.update("accounts", Map.of("id", id), AccountsModel.INITIAL_VERSION);
  }

  /** The dead letters in the order the test can rely on: by partition, then offset. */
  private static List<ConsumerRecord<byte[], byte[]>> letters(ServiceEnv env) {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(broker.readAll(env.deadLetterTopic()));
    all.sort((a, b) -> a.timestamp() != b.timestamp() ? Long.compare(a.timestamp(), b.timestamp())
        : a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
        : Long.compare(a.offset(), b.offset()));
    return all;
  }

  private static Run kup(ServiceEnv env, String... args) throws IOException {
    JvmProcess process = start(env, args);
    int exitCode = process.waitFor(Duration.ofMinutes(2));
    return new Run(exitCode, Files.readAllLines(process.logFile()));
  }

  private static JvmProcess start(ServiceEnv env, String... args) {
    Path log = LOGS.resolve(env.topic() + "-" + RUNS.incrementAndGet() + ".log");
    try {
      Files.deleteIfExists(log); // the process appends; an earlier build's lines must not count
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JvmProcess.start("dev.kup.cli.KupCommand",
        List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of(args),
        Map.of("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "KUP_TOPIC", env.topic(),
            "KUP_DLQ_TOPIC", env.deadLetterTopic()),
        log);
  }
}
