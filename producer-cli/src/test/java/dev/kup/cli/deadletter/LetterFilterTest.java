package dev.kup.cli.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What each filter option selects. */
class LetterFilterTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void everyGivenCriterionMustHold() {
    DeadLetterView letter = letter("UNKNOWN_COLUMN", "apply", "accounts:7", 3, "2026-12-04T11:00:00Z");
    LetterFilter all = LetterFilter.everyLetterOf(null);

    assertThat(all.matches(letter)).isTrue();
    assertThat(all.fromTopic("updates").matches(letter)).isTrue();
    assertThat(all.fromTopic("orders").matches(letter)).isFalse();
    assertThat(filter(Set.of("UNKNOWN_COLUMN"), Set.of("apply"), Set.of("accounts"), Set.of(3),
        null, null, "t-1").matches(letter)).isTrue();
    assertThat(filter(Set.of("VERSION_CONFLICT"), Set.of(), Set.of(), Set.of(), null, null, null)
        .matches(letter)).isFalse();
    assertThat(filter(Set.of(), Set.of("parse"), Set.of(), Set.of(), null, null, null)
        .matches(letter)).isFalse();
    assertThat(filter(Set.of(), Set.of(), Set.of("orders"), Set.of(), null, null, null)
        .matches(letter)).isFalse();
    assertThat(filter(Set.of(), Set.of(), Set.of(), Set.of(4), null, null, null)
        .matches(letter)).isFalse();
    assertThat(filter(Set.of(), Set.of(), Set.of(), Set.of(), null, null, "t-2")
        .matches(letter)).isFalse();
  }

  @Test
  void sinceIsInclusiveAndUntilExclusive() {
    DeadLetterView letter = letter("UNKNOWN_COLUMN", "apply", "accounts:7", 3, "2026-12-04T11:00:00Z");
    Instant at = Instant.parse("2026-12-04T11:00:00Z");

    assertThat(filter(Set.of(), Set.of(), Set.of(), Set.of(), at, null, null).matches(letter)).isTrue();
    assertThat(filter(Set.of(), Set.of(), Set.of(), Set.of(), null, at, null).matches(letter)).isFalse();
    assertThat(filter(Set.of(), Set.of(), Set.of(), Set.of(), at.minusSeconds(1), at.plusSeconds(1),
        null).matches(letter)).isTrue();
  }

  @Test
  void anUnknownReasonOrStageIsRefusedNamingTheKnownOnes() {
    LetterFilterOptions options = new LetterFilterOptions();
    options.reasons.add("UNKNOWN_COLUMNS");
    assertThatThrownBy(() -> options.filter(null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown --reason 'UNKNOWN_COLUMNS'").hasMessageContaining("UNKNOWN_COLUMN,");

    LetterFilterOptions stage = new LetterFilterOptions();
    stage.stages.add("applying");
    assertThatThrownBy(() -> stage.filter(null, NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown --stage 'applying'");
  }

  private static LetterFilter filter(Set<String> reasons, Set<String> stages, Set<String> tables,
      Set<Integer> partitions, Instant since, Instant until, String traceId) {
    return new LetterFilter("updates", reasons, stages, tables, partitions, since, until, traceId);
  }

  static DeadLetterView letter(String reason, String stage, String key, int originalPartition,
      String failedAt) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("updates"));
    headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(originalPartition));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(41));
    headers.add(DeadLetterHeaders.REASON, bytes(reason));
    headers.add(DeadLetterHeaders.STAGE, bytes(stage));
    headers.add(DeadLetterHeaders.FAILED_AT, bytes(failedAt));
    headers.add(DeadLetterHeaders.TRACE_ID, bytes("t-1"));
    headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, bytes("column \"nickname\" does not\nexist"));
    return DeadLetterView.of(new ConsumerRecord<>("updates.dlq", 0, 17, 0L,
        TimestampType.CREATE_TIME, -1, -1, bytes(key), bytes("{\"table\":\"accounts\"}"), headers,
        Optional.empty()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
