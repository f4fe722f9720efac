package dev.kup.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic for looking, not for replaying: every partition by assignment, from the
 * beginning (or from the first letter written at {@code since}) to the log end taken at the start,
 * joining no group and committing nothing. Does not own the consumer; not thread-safe.
 */
final class DeadLetterTopicReader {
  /** Letters are written a moment after they failed; the seek by time allows for that and skew. */
  static final Duration SEEK_SLACK = Duration.ofMinutes(1);
  private static final Duration POLL = Duration.ofMillis(500);
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;

  DeadLetterTopicReader(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /**
   * Hands each letter to {@code visitor}, partition by partition in offset order within one, until
   * the ends taken at the start or until {@code visitor} returns false.
   *
   * @param since skip letters written well before this; null to read from the beginning
   * @throws IllegalArgumentException when the topic does not exist
   * @throws IllegalStateException when nothing could be read for {@link #TIMEOUT}
   */
  void read(String topic, Instant since, Predicate<DeadLetterView> visitor) {
    List<TopicPartition> partitions = partitionsOf(consumer, topic);
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    consumer.seekToBeginning(partitions);
    if (since != null) {
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(tp -> times.put(tp, since.minus(SEEK_SLACK).toEpochMilli()));
      consumer.offsetsForTimes(times, TIMEOUT).forEach((tp, found) ->
          consumer.seek(tp, found == null ? end.get(tp) : found.offset()));
    }
    Map<TopicPartition, Long> remaining = new HashMap<>();
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp, TIMEOUT) < end.get(tp)) {
        remaining.put(tp, end.get(tp));
      }
    }
    long lastProgress = System.nanoTime();
    while (!remaining.isEmpty()) {
      if (System.nanoTime() - lastProgress > TIMEOUT.toNanos()) {
        throw new IllegalStateException("no dead letter could be read from " + remaining.keySet()
            + " for " + TIMEOUT.toSeconds() + " s");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        lastProgress = System.nanoTime();
        Long stop = remaining.get(new TopicPartition(record.topic(), record.partition()));
        if (stop != null && record.offset() < stop && !visitor.test(DeadLetterView.of(record))) {
          return;
        }
      }
      remaining.keySet().removeIf(tp -> consumer.position(tp, TIMEOUT) >= remaining.get(tp));
    }
  }

  /** The letter at {@code offset} of {@code partition}, or null when there is none. */
  DeadLetterView readOne(String topic, int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    if (partitionsOf(consumer, topic).stream().noneMatch(tp::equals)) {
      throw new IllegalArgumentException("dead-letter topic '" + topic + "' has no partition "
          + partition);
    }
    consumer.assign(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
    long start = consumer.beginningOffsets(List.of(tp), TIMEOUT).get(tp);
    if (offset < start || offset >= end) {
      return null;
    }
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() == offset) {
          return DeadLetterView.of(record);
        }
        if (record.offset() > offset) {
          return null; // compacted away, or a transaction marker's slot
        }
      }
      if (consumer.position(tp, TIMEOUT) > offset) {
        return null;
      }
    }
    throw new IllegalStateException("could not read " + topic + "/" + partition + "/" + offset
        + " within " + TIMEOUT.toSeconds() + " s");
  }

  static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("dead-letter topic '" + topic + "' does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }
}
