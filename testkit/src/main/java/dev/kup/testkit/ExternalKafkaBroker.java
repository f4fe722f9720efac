package dev.kup.testkit;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A broker whose process this code does not control (one given by address, or a container), so
 * tests can neither stop nor start it.
 */
final class ExternalKafkaBroker implements KafkaBroker {

  private final String bootstrapServers;
  private final String origin;
  private final KafkaTopicClient topics;

  /**
   * @param bootstrapServers the {@code host:port} list to connect to
   * @param origin what runs the broker, for messages, such as {@code "Testcontainers"}
   */
  ExternalKafkaBroker(String bootstrapServers, String origin) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    this.bootstrapServers = bootstrapServers;
    this.origin = origin;
    this.topics = new KafkaTopicClient(bootstrapServers);
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void createTopic(String name, int partitions) {
    topics.createTopic(name, partitions);
  }

  @Override
  public Map<TopicPartition, Long> endOffsets(String topic) {
    return topics.endOffsets(topic);
  }

  @Override
  public Map<TopicPartition, Long> committedOffsets(String groupId, String topic) {
    return topics.committedOffsets(groupId, topic);
  }

  @Override
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return topics.readAll(topic);
  }

  @Override
  public boolean restartable() {
    return false;
  }

  @Override
  public void stop() {
    throw new UnsupportedOperationException(this + " is not restartable");
  }

  @Override
  public void start() {
    throw new UnsupportedOperationException(this + " is not restartable");
  }

  @Override
  public String toString() {
    return origin + " Kafka at " + bootstrapServers;
  }
}
