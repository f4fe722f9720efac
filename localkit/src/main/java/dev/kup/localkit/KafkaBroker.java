package dev.kup.localkit;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A real Kafka broker that tests talk to through {@link #bootstrapServers()}.
 *
 * <p>Every method is safe to call from any thread; the topic methods open short-lived clients of
 * their own, wait at most 30 s, and throw {@link IllegalStateException} (with Kafka's exception as
 * the cause) when Kafka refuses or does not answer, for example for a topic that does not exist.
 * Tests obtain one per run from the test kit's {@code KafkaBrokerExtension}, which owns its
 * lifecycle: tests never close it.
 */
public interface KafkaBroker {

  /** Returns the {@code host:port} list that clients connect to; stable across stop and start. */
  String bootstrapServers();

  /**
   * Creates a topic with the given partition count and replication factor 1, and returns once every
   * partition has a leader. Idempotent: an existing topic with that partition count is fine; one
   * with another count is an {@link IllegalStateException}.
   */
  default void createTopic(String name, int partitions) {
    new KafkaTopicClient(bootstrapServers()).createTopic(name, partitions);
  }

  /**
   * Returns the log end offset (high watermark, as a read_uncommitted consumer sees it) of every
   * partition of the topic.
   */
  default Map<TopicPartition, Long> endOffsets(String topic) {
    return new KafkaTopicClient(bootstrapServers()).endOffsets(topic);
  }

  /**
   * Returns the offsets the consumer group has committed for the topic's partitions; a partition
   * without a committed offset is absent from the map, and an unknown group gives an empty map.
   */
  default Map<TopicPartition, Long> committedOffsets(String groupId, String topic) {
    return new KafkaTopicClient(bootstrapServers()).committedOffsets(groupId, topic);
  }

  /**
   * Reads every record of the topic from the beginning up to the end offsets taken at the call,
   * headers included, as a read_committed consumer without a group. Records are ordered by
   * partition, then offset.
   */
  default List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return new KafkaTopicClient(bootstrapServers()).readAll(topic);
  }

  /** Tells whether {@link #stop()} and {@link #start()} are supported by this broker. */
  boolean restartable();

  /**
   * Stops the broker cleanly (killing it if it does not stop in time) and returns once it is gone.
   *
   * @throws UnsupportedOperationException if the broker is not {@link #restartable()}
   */
  void stop();

  /**
   * Starts the broker again on the same port with the same data and returns once it answers.
   *
   * @throws UnsupportedOperationException if the broker is not {@link #restartable()}
   */
  void start();
}
