package dev.kup.cli.deadletter;

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
    tally.add(letter(springLetter("updates", "UNKNOWN_COLUMN")));
    tally.add(letter(springLetter("updates", "UNKNOWN_COLUMN")));
    tally.add(letter(springLetter("updates", "VERSION_CONFLICT")));
    tally.add(letter(springLetter("orders", "UNKNOWN_COLUMN")));

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

    tally.add(letter(copy));
    tally.add(letter(topicOnly));

    assertThat(tally.counts().byReason())
        .containsOnly(Map.entry("TYPE_MISMATCH", 1L), Map.entry("NOT_FOUND", 1L));
  }

  @Test
  void aLetterWithoutReasonCountsUnderNoneAndOneWithoutOriginAsOther() {
    Headers noReason = new RecordHeaders();
    noReason.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("updates"));
    tally.add(letter(noReason));
    tally.add(letter(new RecordHeaders()));

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

  private static DeadLetterView letter(Headers headers) {
    return DeadLetterView.of(new org.apache.kafka.clients.consumer.ConsumerRecord<>("updates.dlq",
        0, 0, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, -1, -1, null, null,
        headers, java.util.Optional.empty()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
