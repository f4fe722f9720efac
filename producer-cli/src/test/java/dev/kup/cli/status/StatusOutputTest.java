package dev.kup.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kup.cli.deadletter.DeadLetterCounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table and the JSON document of a fixed report. */
class StatusOutputTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final StuckRule RULE =
      new StuckRule(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

  private final StatusReport report = new StatusReport("kup-applier", "updates", NOW,
      Duration.ofMinutes(5), true,
      List.of(
          RULE.judge(PartitionFacts.ofKafka(0, 0, 10, OptionalLong.of(10))
              .withStored(new StoredOffset.Committed(10, NOW.minusSeconds(12)))),
          RULE.judge(PartitionFacts.ofKafka(1, 0, 25, OptionalLong.of(4))
              .withStored(new StoredOffset.Committed(5, NOW.minusSeconds(423)))
              .withOldestWaitingAt(NOW.minusSeconds(400))),
          RULE.judge(PartitionFacts.ofKafka(2, 0, 3, OptionalLong.empty())
              .withStored(new StoredOffset.Missing()))),
      Optional.of(new DeadLetterCounts("updates.dlq", "updates", true,
          new TreeMap<>(java.util.Map.of("UNKNOWN_COLUMN", 2L, "NOT_FOUND", 1L)), 4)));

  @Test
  void theTableHasARowPerPartitionTheDeadLettersAndNamesTheStuckOnes() {
    String table = table(report);

    assertThat(table).contains("PARTITION  LOG END  KAFKA COMMITTED  STORED  LAG  LAST COMMIT");
    assertThat(table.lines()).anyMatch(l -> l.matches("0 +10 +10 +10 +0 +12s ago +caught-up"));
    assertThat(table.lines())
        .anyMatch(l -> l.matches("1 +25 +4 +5 +20 +7m3s ago, oldest record 6m40s +stuck"));
    assertThat(table.lines()).anyMatch(l -> l.matches("2 +3 +- +- +3 +never +waiting"));
    assertThat(table).contains("dead letters from updates in updates.dlq: 3")
        .contains("  UNKNOWN_COLUMN  2").contains("(4 more from other topics, not counted)");
    assertThat(table.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("stuck: partition 1 (records waited longer than 5m with no commit)");
  }

  @Test
  void withoutADatabaseTheTableSaysTheStoredOffsetsAreUnknown() {
    StatusReport kafkaOnly = new StatusReport("g", "t", NOW, Duration.ofMinutes(5), false,
        List.of(RULE.judge(PartitionFacts.ofKafka(0, 0, 9, OptionalLong.of(7)))), Optional.empty());

    String table = table(kafkaOnly);

    assertThat(table.lines()).anyMatch(l -> l.matches("0 +9 +7 +unknown +2 +unknown +unknown"));
    assertThat(table).contains("stored offsets unknown").doesNotContain("dead letters")
        .endsWith("no partition stuck; lag 2\n");
  }

  @Test
  void theJsonDocumentCarriesTheNumbersAndStuckFlags() throws Exception {
    JsonNode json = new ObjectMapper().readTree(StatusJson.render(report));

    assertThat(json.get("group").asText()).isEqualTo("kup-applier");
    assertThat(json.get("stuck").asBoolean()).isTrue();
    assertThat(json.get("stuck_partitions")).hasSize(1);
    assertThat(json.get("stuck_partitions").get(0).asInt()).isEqualTo(1);
    assertThat(json.get("stuck_after_seconds").asLong()).isEqualTo(300);
    JsonNode stuck = json.get("partitions").get(1);
    assertThat(stuck.get("log_end").asLong()).isEqualTo(25);
    assertThat(stuck.get("kafka_committed").asLong()).isEqualTo(4);
    assertThat(stuck.get("stored_offset").asLong()).isEqualTo(5);
    assertThat(stuck.get("lag").asLong()).isEqualTo(20);
    assertThat(stuck.get("last_commit_age_seconds").asLong()).isEqualTo(423);
    assertThat(stuck.get("oldest_waiting_record_age_seconds").asLong()).isEqualTo(400);
    assertThat(stuck.get("state").asText()).isEqualTo("stuck");
    assertThat(stuck.get("stuck").asBoolean()).isTrue();
    JsonNode never = json.get("partitions").get(2);
    assertThat(never.get("kafka_committed").isNull()).isTrue();
    assertThat(never.get("stored_offset").isNull()).isTrue();
    assertThat(never.get("never_committed").asBoolean()).isTrue();
    assertThat(json.get("dead_letters").get("total").asLong()).isEqualTo(3);
    assertThat(json.get("dead_letters").get("by_reason").get("UNKNOWN_COLUMN").asLong())
        .isEqualTo(2);
  }

  @Test
  void durationsShowTheirTwoLargestUnits() {
    assertThat(StatusTable.duration(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(StatusTable.duration(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(StatusTable.duration(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(StatusTable.duration(Duration.ofSeconds(7 * 60 + 3))).isEqualTo("7m3s");
    assertThat(StatusTable.duration(Duration.ofHours(50).plusMinutes(7))).isEqualTo("2d2h");
  }

  private static String table(StatusReport report) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    StatusTable.print(report, new PrintStream(text, true, StandardCharsets.UTF_8));
    return text.toString(StandardCharsets.UTF_8);
  }
}
