package dev.kup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Counting letters from their headers, without a broker. */
class DeadLetterCountsTest {
  private final DeadLetterCounts.Tally tally = new DeadLetterCounts.Tally("updates.dlq", "updates");

  @Test
  void countsLettersOfTheTopicByReasonAndOthersApart() {
    tally.add(springLetter("updates", "UNKNOWN_COLUMN"));
    tally.add(springLetter("updates", "UNKNOWN_COLUMN"));
    tally.add(springLetter("updates", "VERSION_CONFLICT"));
    tally.add(springLetter("orders", "UNKNOWN_COLUMN"));

    DeadLetterCounts counts = tally.counts();

    assertThat(counts.byReason()).containsExactly(
        Map.entry("UNKNOWN_COLUMN", 2L), Map.entry("VERSION_CONFLICT", 1L));
    assertThat(counts.total()).isEqualTo(3);
    assertThat(counts.otherTopics()).isEqualTo(1);
    assertThat(counts.topicExists()).isTrue();
  }

  @Test
  void readsTheOriginFromKupsTextCopyOrATopicHeaderAlone() {
    Headers copy = new RecordHeaders();
    copy.add(DeadLetterHeaders.KUP_ORIGINAL_TOPIC, bytes("updates"));
    copy.add(DeadLetterHeaders.KUP_ORIGINAL_PARTITION, bytes("2"));
    copy.add(DeadLetterHeaders.KUP_ORIGINAL_OFFSET, bytes("17"));
    copy.add(DeadLetterHeaders.REASON, bytes("TYPE_MISMATCH"));
    Headers topicOnly = new RecordHeaders();
    topicOnly.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("updates"));
    topicOnly.add(DeadLetterHeaders.REASON, bytes("NOT_FOUND"));

    tally.add(copy);
    tally.add(topicOnly);

    assertThat(tally.counts().byReason())
        .containsOnly(Map.entry("TYPE_MISMATCH", 1L), Map.entry("NOT_FOUND", 1L));
  }

  @Test
  void aLetterWithoutReasonCountsUnderNoneAndOneWithoutOriginAsOther() {
    Headers noReason = new RecordHeaders();
    noReason.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("updates"));
    tally.add(noReason);
    tally.add(new RecordHeaders());

    assertThat(tally.counts().byReason()).containsOnly(Map.entry(DeadLetterCounts.NO_REASON, 1L));
    assertThat(tally.counts().otherTopics()).isEqualTo(1);
  }

  @Test
  void aMissingTopicCountsNothing() {
    DeadLetterCounts counts = tally.missing();

    assertThat(counts.topicExists()).isFalse();
    assertThat(counts.total()).isZero();
  }

  private static Headers springLetter(String topic, String reason) {
    Headers headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes(topic));
    headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(0));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(42));
    headers.add(DeadLetterHeaders.REASON, bytes(reason));
    return headers;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
