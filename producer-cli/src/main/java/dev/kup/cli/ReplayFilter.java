package dev.kup.cli;

import dev.kup.schemas.DeadLetterHeaders;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which dead letters {@code kup replay} sends back: those whose {@code kup.dlq.reason} is one of
 * {@code reasons} (any reason when empty) and whose {@code kafka_dlt-original-topic} is {@code
 * originalTopic} (so letters of another pipeline sharing the dead-letter topic stay where they are).
 *
 * @param reasons reason codes to replay; empty for all
 * @param originalTopic the topic the letters must have come from
 */
record ReplayFilter(Set<String> reasons, String originalTopic) {

  ReplayFilter {
    reasons = Set.copyOf(reasons);
  }

  boolean matches(ConsumerRecord<byte[], byte[]> letter) {
    return originalTopic.equals(DeadLetterHeaders.valueOf(letter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
        && (reasons.isEmpty() || reasons.contains(DeadLetterHeaders.valueOf(letter.headers(), DeadLetterHeaders.REASON)));
  }
}
