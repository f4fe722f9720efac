package dev.kup.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the timestamp of the first record at or after a given offset of each partition, by
 * assignment (no group, nothing committed): how long the oldest record kup has not applied has
 * waited. Does not close the consumer; changes its assignment.
 */
final class WaitingRecordReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final Duration timeout;

  /**
   * @param consumer a consumer without a group, read_committed, byte-array deserializers
   * @param timeout how long to wait in all
   */
  WaitingRecordReader(Consumer<byte[], byte[]> consumer, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
  }

  /**
   * The timestamps, by partition, of the first record at or after each offset of {@code from};
   * a partition with no such record (or none read within the timeout, or without a timestamp) is
   * absent.
   */
  Map<Integer, Instant> read(String topic, Map<Integer, Long> from) {
    Map<Integer, Instant> timestamps = new HashMap<>();
    if (from.isEmpty()) {
      return timestamps;
    }
    List<TopicPartition> partitions =
        from.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
    consumer.assign(partitions);
    partitions.forEach(tp -> consumer.seek(tp, from.get(tp.partition())));
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (timestamps.size() < from.size() && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.timestamp() >= 0) {
          timestamps.putIfAbsent(record.partition(), Instant.ofEpochMilli(record.timestamp()));
        }
      }
      consumer.pause(partitions.stream()
          .filter(tp -> timestamps.containsKey(tp.partition())
              || consumer.position(tp, timeout) >= ends.get(tp))
          .toList());
      if (consumer.paused().size() == partitions.size()) {
        break;
      }
    }
    consumer.resume(consumer.paused());
    return timestamps;
  }
}
