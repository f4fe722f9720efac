package dev.kup.cli.deadletter;

import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * The dead letters of one original topic that a dead-letter topic holds, counted by their {@code
 * kup.dlq.reason}. A letter counts when its origin ({@link DeadLetterOrigin}, else its {@code
 * kup.dlq.original.topic} or {@code kafka_dlt-original-topic} header) names {@code
 * originalTopic}; letters of other topics, or naming none, are only counted in {@code
 * otherTopics}. A letter without a reason counts under {@value #NO_REASON}.
 *
 * @param deadLetterTopic the topic read
 * @param originalTopic the topic whose letters were counted
 * @param topicExists whether the dead-letter topic exists; when not, every count is 0
 * @param byReason letters of {@code originalTopic} by reason code, in code order
 * @param otherTopics letters read that came from another topic or name none
 */
public record DeadLetterCounts(String deadLetterTopic, String originalTopic, boolean topicExists,
    SortedMap<String, Long> byReason, long otherTopics) {
  static final String NO_REASON = "(none)";
  private static final Duration POLL = Duration.ofMillis(500);

  public DeadLetterCounts {
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(originalTopic, "originalTopic");
    byReason = Collections.unmodifiableSortedMap(new TreeMap<>(byReason));
  }

  /** Letters of {@code originalTopic}, all reasons. */
  public long total() {
    return byReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Reads every partition of {@code deadLetterTopic} by assignment (no group, nothing committed)
   * from the beginning to the end taken at the start, and counts its letters. Does not close the
   * consumer; changes its assignment.
   *
   * @param consumer a consumer without a group, read_committed, byte-array deserializers
   * @param timeout how long to wait for metadata, offsets, and for each poll that brings nothing
   * @throws IllegalStateException when no letter could be read for {@code timeout}
   */
  public static DeadLetterCounts read(Consumer<byte[], byte[]> consumer, String deadLetterTopic,
      String originalTopic, Duration timeout) {
    Tally tally = new Tally(deadLetterTopic, originalTopic);
    List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, timeout);
    if (infos == null || infos.isEmpty()) {
      return tally.missing();
    }
    new DeadLetterTopicReader(consumer, timeout).read(deadLetterTopic, null, letter -> {
      tally.add(letter);
      return true;
    });
    return tally.counts();
  }

  /** Counts letters one by one; pure, not thread-safe. */
  static final class Tally {
    private final String deadLetterTopic;
    private final String originalTopic;
    private final Map<String, Long> byReason = new HashMap<>();
    private long otherTopics;

    Tally(String deadLetterTopic, String originalTopic) {
      this.deadLetterTopic = deadLetterTopic;
      this.originalTopic = originalTopic;
    }

    void add(DeadLetterView letter) {
      if (!originalTopic.equals(letter.originalTopic())) {
        otherTopics++;
        return;
      }
      byReason.merge(letter.reason() == null ? NO_REASON : letter.reason(), 1L, Long::sum);
    }

    DeadLetterCounts counts() {
      return new DeadLetterCounts(deadLetterTopic, originalTopic, true, new TreeMap<>(byReason),
          otherTopics);
    }

    DeadLetterCounts missing() {
      return new DeadLetterCounts(deadLetterTopic, originalTopic, false, new TreeMap<>(), 0);
    }
  }
}
