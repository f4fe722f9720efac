package dev.kup.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.demo.stack.DemoDatabase;
import dev.kup.demo.stream.DemoStream;
import dev.kup.demo.stream.StreamPlan;
import dev.kup.demo.watch.DemoSummary;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo in process against the test kit's broker (as with KUP_BOOTSTRAP_SERVERS): on
 * PostgreSQL (KUP_DB_URL), where it takes the set-based path, on MariaDB, and on H2 with a setting that makes
 * records vanish from the tally, which it must catch and exit 1 for.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class DemoRunIT {
  private static final int ROWS = 1_000;
  private static final int UPDATES = 4_000;

  @Test
  void onPostgresTheSummaryMatchesTheStreamRecordForRecord(
      KafkaBroker broker, TestDatabase db, @TempDir Path dir) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    // a password in the URL (the server trusts the test user anyway) must never be printed
    String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=demo-secret-9f";
    env.put("KUP_DB_URL", url);
    if (db.user() != null) {
      env.put("KUP_DB_USER", db.user());
    }
    if (db.password() != null) {
      env.put("KUP_DB_PASSWORD", db.password());
    }
    env.put("KUP_HTTP_PORT", "0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    DemoRun.Result result = run(env, dir, out);

    assertSummaryMatchesThePlan(result, out);
    assertThat(text(out)).contains("Kafka      " + broker.bootstrapServers() + " (KUP_BOOTSTRAP_SERVERS)")
        .contains("Database   " + db.jdbcUrl()).contains("password=[redacted]")
        .doesNotContain("demo-secret-9f");
    assertThat(broker.committedOffsets(summaryGroup(out), "updates"))
        .as("the run's group is deleted once it is done").isEmpty();
  }

  @Test
  void onMariaDbTheSummaryMatchesTheStreamRecordForRecord(KafkaBroker broker, @TempDir Path dir)
      throws Exception {
    MariaDbDatabase db = MariaDbExtension.create("demo");
    try {
      Map<String, String> env = new HashMap<>();
      env.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      env.put("KUP_DB_URL", db.jdbcUrl());
      env.put("KUP_HTTP_PORT", "0");
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      DemoRun.Result result = run(env, dir, out);

      assertSummaryMatchesThePlan(result, out);
      assertThat(text(out)).contains("Database   " + db.jdbcUrl());
    } finally {
      MariaDbExtension.drop(db);
    }
  }

  @Test
  void aDatabaseThatRefusesTheLoginIsNamedWithoutThePassword(@TempDir Path dir) {
    MariaDbDatabase db = MariaDbExtension.create("demo_login");
    try {
      String url = db.jdbcUrl() + "&password=demo-secret-9f"; // root has none: refused
      DemoDatabase demo = DemoDatabase.from(Map.of("KUP_DB_URL", url), dir);

      assertThatThrownBy(() -> demo.createAccounts(10))
          .hasMessageContaining("cannot create the accounts table in")
          .hasMessageContaining("password=[redacted]")
          .hasMessageNotContaining("demo-secret-9f");
    } finally {
      MariaDbExtension.drop(db);
    }
  }

  @Test
  void whenConflictsAreSkippedInsteadOfDeadLetteredTheRunDoesNotAddUpAndExitsOne(
      KafkaBroker broker, @TempDir Path dir) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("KUP_CONFLICT_POLICY", "skip");
    env.put("KUP_HTTP_PORT", "0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    DemoRun.Result result = run(env, dir, out);

    long conflicts = plan().deadLettersByReason().get("VERSION_CONFLICT");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains(
        "dead-lettered " + (plan().deadLetters() - conflicts) + " = " + (UPDATES - conflicts)
            + ", not the " + UPDATES + " published"));
    assertThat(text(out)).contains("DID NOT ADD UP").contains("H2 file in");
  }

  /** The run exited 0 and its summary adds up to what the stream must give, record for record. */
  private static void assertSummaryMatchesThePlan(DemoRun.Result result, ByteArrayOutputStream out) {
    StreamPlan plan = plan();
    assertThat(result.exitCode()).as(text(out)).isZero();
    assertThat(result.problems()).isEmpty();
    DemoSummary summary = result.summary().orElseThrow();
    assertThat(summary.published()).isEqualTo(UPDATES);
    assertThat(summary.applied()).isEqualTo(plan.applicable()).isEqualTo(summary.appliedByMetrics());
    assertThat(summary.conflicts()).isEqualTo(plan.deadLettersByReason().get("VERSION_CONFLICT"));
    assertThat(summary.deadLettersByReason()).isEqualTo(plan.deadLettersByReason());
    assertThat(summary.table().pointsSum()).isEqualTo(plan.pointsAdded());
  }

  private static DemoRun.Result run(Map<String, String> env, Path dir, ByteArrayOutputStream out)
      throws Exception {
    DemoOptions options = new DemoOptions(ROWS, UPDATES, 0.01, 0.015, 42, dir, false);
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      return new DemoRun(options, env, print, false).run();
    }
  }

  private static StreamPlan plan() {
    return new DemoStream(ROWS, 0.01, 0.015, 42).write(UPDATES, new ByteArrayOutputStream());
  }

  private static String summaryGroup(ByteArrayOutputStream out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("consumer group (kup-demo-\\d+)")
        .matcher(text(out));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
