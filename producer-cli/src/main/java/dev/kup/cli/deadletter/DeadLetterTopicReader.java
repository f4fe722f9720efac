package dev.kup.cli.deadletter;

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
  private final Duration timeout;

  /** @param timeout how long to wait for metadata and offsets, and for a poll that brings nothing */
  DeadLetterTopicReader(Consumer<byte[], byte[]> consumer, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
  }

  DeadLetterTopicReader(Consumer<byte[], byte[]> consumer) {
    this(consumer, TIMEOUT);
  }

  /**
   * Hands each letter to {@code visitor}, partition by partition in offset order within one, until
   * the ends taken at the start or until {@code visitor} returns false.
   *
   * @param since skip letters written well before this; null to read from the beginning
   * @throws IllegalArgumentException when the topic does not exist
   * @throws IllegalStateException when nothing could be read for the timeout
   */
  void read(String topic, Instant since, Predicate<DeadLetterView> visitor) {
    List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    consumer.seekToBeginning(partitions);
    if (since != null) {
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(tp -> times.put(tp, since.minus(SEEK_SLACK).toEpochMilli()));
      consumer.offsetsForTimes(times, timeout).forEach((tp, found) ->
          consumer.seek(tp, found == null ? end.get(tp) : found.offset()));
    }
    Map<TopicPartition, Long> remaining = new HashMap<>();
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp, timeout) < end.get(tp)) {
        remaining.put(tp, end.get(tp));
      }
    }
    long lastProgress = System.nanoTime();
    while (!remaining.isEmpty()) {
      if (System.nanoTime() - lastProgress > timeout.toNanos()) {
        throw new IllegalStateException("no dead letter could be read from " + remaining.keySet()
            + " for " + timeout.toSeconds() + " s");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        lastProgress = System.nanoTime();
        Long stop = remaining.get(new TopicPartition(record.topic(), record.partition()));
        if (stop != null && record.offset() < stop && !visitor.test(DeadLetterView.of(record))) {
          return;
        }
      }
      remaining.keySet().removeIf(tp -> consumer.position(tp, timeout) >= remaining.get(tp));
    }
  }

  /** The letter at {@code offset} of {@code partition}, or null when there is none. */
  DeadLetterView readOne(String topic, int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    if (partitionsOf(consumer, topic, timeout).stream().noneMatch(tp::equals)) {
      throw new IllegalArgumentException("dead-letter topic '" + topic + "' has no partition "
          + partition);
    }
    consumer.assign(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
    long start = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
    if (offset < start || offset >= end) {
      return null;
    }
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() == offset) {
          return DeadLetterView.of(record);
        }
        if (record.offset() > offset) {
          return null; // compacted away, or a transaction marker's slot
        }
      }
      if (consumer.position(tp, timeout) > offset) {
        return null;
      }
    }
    throw new IllegalStateException("could not read " + topic + "/" + partition + "/" + offset
        + " within " + timeout.toSeconds() + " s");
  }

  static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
    return partitionsOf(consumer, topic, TIMEOUT);
  }

  static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic,
      Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("dead-letter topic '" + topic + "' does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }
}
