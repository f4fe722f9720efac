package dev.kup.schemas;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where a dead letter's original record lay, read from the letter's headers whichever way they were
 * written: kup's text copies ({@code kup.dlq.original.*}) first, else Spring's {@code
 * kafka_dlt-original-*} in Spring's binary form or in the decimal text kup wrote before 0.2.
 *
 * @param topic the topic the record was read from
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its timestamp in epoch milliseconds, or -1 when the letter does not say
 */
public record DeadLetterOrigin(String topic, int partition, long offset, long timestamp) {

  /** The origin the headers name, or empty when they lack the topic, partition or offset. */
  public static Optional<DeadLetterOrigin> of(Headers headers) {
    String topic = DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.KUP_ORIGINAL_TOPIC);
    if (topic == null) {
      topic = DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
    }
    OptionalLong partition = number(headers,
        DeadLetterHeaders.KUP_ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_PARTITION);
    OptionalLong offset = number(headers,
        DeadLetterHeaders.KUP_ORIGINAL_OFFSET, DeadLetterHeaders.ORIGINAL_OFFSET);
    OptionalLong timestamp = number(headers,
        DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP, DeadLetterHeaders.ORIGINAL_TIMESTAMP);
    if (topic == null || partition.isEmpty() || offset.isEmpty()
        || partition.getAsLong() < 0 || partition.getAsLong() > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new DeadLetterOrigin(topic, (int) partition.getAsLong(),
        offset.getAsLong(), timestamp.orElse(-1)));
  }

  /** {@code topic/partition/offset}, as kup's messages name a record. */
  public String where() {
    return topic + "/" + partition + "/" + offset;
  }

  private static OptionalLong number(Headers headers, String text, String spring) {
    Header copy = headers.lastHeader(text);
    OptionalLong fromCopy = DeadLetterHeaders.number(copy == null ? null : copy.value());
    if (fromCopy.isPresent()) {
      return fromCopy;
    }
    Header original = headers.lastHeader(spring);
    return DeadLetterHeaders.number(original == null ? null : original.value());
  }
}
