package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service, in process, against the real broker and an H2 database in file mode, as
 * kup runs when no PostgreSQL is configured: only the URL differs from the PostgreSQL setup.
 */
@ExtendWith(KafkaBrokerExtension.class)
class H2ServiceIT {
  private static final String USER = "sa";

  @Test
  void appliesUpdatesInOrderDeadLettersAStaleVersionAndPoisonAndStoresOffsetsInAnH2File(
      KafkaBroker broker, @TempDir Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("kup-data").resolve("demo");
    try (CloseableDSLContext dsl = DSL.using(url, USER, "")) {
      runServiceAndCheck(broker, dir, url, dsl);
    }
  }

  private static void runServiceAndCheck(KafkaBroker broker, Path dir, String url, DSLContext dsl) {
    createAccounts(dsl, 5);
    ServiceEnv env = new ServiceEnv(broker, url, USER, null, "h2-service");
    broker.createTopic(env.topic(), 1);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      p.publish(List.of(
          UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("status", "a").increment("points", 5L),
          UpdateRecord.update("accounts", Map.of("id", 1L), 2).increment("points", 3L),
          UpdateRecord.update("accounts", Map.of("id", 2L), 1).set("status", "b"),
          UpdateRecord.update("accounts", Map.of("id", 3L), 1).set("status", "fresh"),
          UpdateRecord.update("accounts", Map.of("id", 3L), 1).set("status", "stale"),
          UpdateRecord.update("accounts", Map.of("id", 4L), 1).set("balance", new BigDecimal("-5")),
          UpdateRecord.update("accounts", Map.of("id", 5L), 1).set("status", "x".repeat(40)),
          UpdateRecord.update("accounts", Map.of("id", 4L), 1).set("status", "after")));
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      assertThat(service.failure()).isEmpty();
    }

    assertThat(row(dsl, 1)).containsExactly("a", 8L, 3L);
    assertThat(row(dsl, 2)).containsExactly("b", 0L, 2L);
    assertThat(row(dsl, 3)).containsExactly("fresh", 0L, 2L);
    assertThat(row(dsl, 4)).as("the poison's row took the next change").containsExactly("after", 0L, 2L);
    assertThat(row(dsl, 5)).containsExactly("new", 0L, 1L);
    List<ConsumerRecord<byte[], byte[]>> dlq = broker.readAll(env.deadLetterTopic());
    assertThat(dlq).extracting(r -> DeadLetterOrigin.of(r.headers()).orElseThrow().offset() + " "
            + header(r, DeadLetterHeaders.STAGE) + " " + header(r, DeadLetterHeaders.REASON) + " "
            + header(r, DeadLetterHeaders.SQLSTATE))
        .containsExactlyInAnyOrder(
            "4 conflict VERSION_CONFLICT null",
            "5 apply CONSTRAINT_VIOLATION 23513",
            "6 validate TYPE_MISMATCH null");
    assertThat(broker.committedOffsets(env.groupId(), env.topic()))
        .isEqualTo(broker.endOffsets(env.topic()));
    assertThat(dsl.fetchValue("SELECT next_offset FROM kup_offsets WHERE group_id = ? AND topic = ?",
        env.groupId(), env.topic())).isEqualTo(8L);
    assertThat(dir.resolve("kup-data").resolve("demo.mv.db")).exists();
  }

  /** accounts(id, balance >= 0, status, points, version) with rows 1..n at version 1. */
  private static void createAccounts(DSLContext dsl, int rows) {
    dsl.execute("""
        CREATE TABLE accounts (
          id BIGINT PRIMARY KEY,
          balance NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
          status VARCHAR(16) NOT NULL,
          points BIGINT NOT NULL DEFAULT 0,
          updated_at TIMESTAMP WITH TIME ZONE,
          version BIGINT NOT NULL)""");
    dsl.execute("INSERT INTO accounts (id, status, version) SELECT x, 'new', 1 FROM system_range(1, ?)",
        rows);
  }

  /** status, points, version */
  private static List<Object> row(DSLContext dsl, long id) {
    Record r = dsl.fetchOne("SELECT status, points, version FROM accounts WHERE id = ?", id);
    return List.of(r.get(0), r.get(1), r.get(2));
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
