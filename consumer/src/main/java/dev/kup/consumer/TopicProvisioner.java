package dev.kup.consumer;

import dev.kup.consumer.config.ConfigException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the dead-letter topic exists before anything is sent to it (a producer must never
 * auto-create it with the broker's default of one partition), creating it with the update topic's
 * partition count when allowed, and reads how large a record it takes.
 */
final class TopicProvisioner {
  private final Admin admin;

  TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /**
   * @param create whether a missing dead-letter topic is created ({@code KUP_CREATE_TOPICS})
   * @throws ConfigException when it is missing and may not be created, or the update topic is
   *     missing when it must be
   */
  void ensureDeadLetterTopic(String topic, String deadLetterTopic, boolean create) {
    if (partitionCount(deadLetterTopic).isPresent()) {
      return;
    }
    if (!create) {
      throw new ConfigException("KUP_DLQ_TOPIC: topic '" + deadLetterTopic + "' does not exist;"
          + " create it with as many partitions as '" + topic + "', or set KUP_CREATE_TOPICS=true");
    }
    int partitions = partitionCount(topic).orElseThrow(() -> new ConfigException(
        "KUP_TOPIC: topic '" + topic + "' does not exist; create it first (see README)"));
    try {
      admin.createTopics(List.of(new NewTopic(deadLetterTopic, Optional.of(partitions), Optional.empty())))
          .all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create " + deadLetterTopic + ": " + e.getCause(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The topic's {@code max.message.bytes}, or empty when it cannot be read (an ACL may allow
   * writing to a topic but not describing its configuration).
   */
  OptionalInt maxMessageBytes(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      ConfigEntry entry = admin.describeConfigs(Set.of(resource)).all().get().get(resource)
          .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      return entry == null || entry.value() == null
          ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(entry.value()));
    } catch (ExecutionException | RuntimeException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Whether the topic exists. */
  boolean exists(String topic) {
    return partitionCount(topic).isPresent();
  }

  private Optional<Integer> partitionCount(String topic) {
    try {
      return Optional.of(admin.describeTopics(Set.of(topic)).allTopicNames().get()
          .get(topic).partitions().size());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
