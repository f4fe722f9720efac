package dev.kup.cli.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How letters read on a terminal and in JSON. */
class DeadLetterOutputTest {
  private final DeadLetterView letter =
      LetterFilterTest.letter("UNKNOWN_COLUMN", "apply", "accounts:7", 3, "2026-12-04T11:00:00Z");

  @Test
  void lsPrintsOneLineAnOperatorScans() {
    assertThat(DlqListCommand.line(letter)).isEqualTo("2026-12-04T11:00:00Z 0@17 updates/3/41"
        + " apply UNKNOWN_COLUMN key=accounts:7 column \"nickname\" does not exist");
  }

  @Test
  void lsJsonCarriesTheSameFacts() throws Exception {
    JsonNode json = new ObjectMapper().readTree(DlqListCommand.json(letter));

    assertThat(json.get("dlq_partition").asInt()).isZero();
    assertThat(json.get("dlq_offset").asLong()).isEqualTo(17);
    assertThat(json.get("original_partition").asInt()).isEqualTo(3);
    assertThat(json.get("original_offset").asLong()).isEqualTo(41);
    assertThat(json.get("reason").asText()).isEqualTo("UNKNOWN_COLUMN");
    assertThat(json.get("table").asText()).isEqualTo("accounts");
    assertThat(json.get("trace_id").asText()).isEqualTo("t-1");
    assertThat(json.get("replays").asLong()).isZero();
  }

  @Test
  void showDecodesSpringsBinaryNumbersAndPrettyPrintsAJsonValue() {
    String text = DlqShowCommand.text(letter);

    assertThat(text).contains("letter      updates.dlq 0@17")
        .contains("  kafka_dlt-original-partition = 3\n")
        .contains("  kafka_dlt-original-offset = 41\n")
        .contains("  kup.dlq.reason = UNKNOWN_COLUMN\n")
        .contains("value\n{\n  \"table\" : \"accounts\"\n}");
    assertThat(DlqShowCommand.document(letter).get("value").get("table").asText())
        .isEqualTo("accounts");
  }

  @Test
  void statsCountByReasonStageAndTable() {
    DeadLetterStats stats = new DeadLetterStats();
    stats.add(letter);
    stats.add(LetterFilterTest.letter("VERSION_CONFLICT", "apply", "orders:1", 0, "2026-12-04T11:00:00Z"));
    stats.add(LetterFilterTest.letter("UNKNOWN_COLUMN", "apply", "no-table-here", 0, "2026-12-04T11:00:00Z"));

    assertThat(DlqStatsCommand.text(stats)).isEqualTo("""
        letters 3
        by reason
          UNKNOWN_COLUMN    2
          VERSION_CONFLICT  1
        by stage
          apply  3
        by table
          -         1
          accounts  1
          orders    1
        """);
    assertThat(DlqStatsCommand.json(stats)).isEqualTo("{\"total\":3,\"by_reason\":"
        + "{\"UNKNOWN_COLUMN\":2,\"VERSION_CONFLICT\":1},\"by_stage\":{\"apply\":3},"
        + "\"by_table\":{\"-\":1,\"accounts\":1,\"orders\":1}}");
  }
}
