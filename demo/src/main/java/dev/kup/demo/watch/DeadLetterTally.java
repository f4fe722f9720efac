package dev.kup.demo.watch;

import dev.kup.schemas.DeadLetterHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts what one consumer group dead-lettered, by reason, read back from the dead-letter topic
 * itself (not from kup's metrics): every record between the offsets taken before the run and the
 * log end now whose {@code kafka_dlt-original-consumer-group} header names the group.
 */
public final class DeadLetterTally {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private DeadLetterTally() {}

  /**
   * @param clientSettings Kafka client properties (bootstrap servers, security)
   * @param from the first offset to read per partition (the log end before the run)
   * @param to the offset to stop at per partition (the log end after the run)
   * @param groupId the group whose dead letters count
   * @return reason code → dead letters, sorted by reason
   * @throws IllegalStateException when the records up to {@code to} cannot be read in time
   */
  public static Map<String, Long> count(Map<String, Object> clientSettings,
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, String groupId) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Long> byReason = new TreeMap<>();
    Map<TopicPartition, Long> remaining = new HashMap<>();
    to.forEach((tp, end) -> {
      if (end > from.getOrDefault(tp, 0L)) {
        remaining.put(tp, end);
      }
    });
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.copyOf(remaining.keySet()));
      remaining.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the dead letters of " + remaining.keySet()
              + " within " + READ_TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long end = remaining.get(tp);
          if (end == null || r.offset() >= end) {
            continue;
          }
          if (groupId.equals(DeadLetterHeaders.valueOf(r.headers(), DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP))) {
            byReason.merge(String.valueOf(DeadLetterHeaders.valueOf(r.headers(), DeadLetterHeaders.REASON)), 1L, Long::sum);
          }
        }
        remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
      }
    }
    return byReason;
  }

}
