package dev.kup.consumer;

import dev.kup.consumer.config.ConfigException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Makes sure the dead-letter topic exists with the update topic's partition count. */
final class TopicProvisioner {
  private final Admin admin;

  TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  void ensureDeadLetterTopic(String topic, String deadLetterTopic) {
    int partitions = partitionCount(topic).orElseThrow(() -> new ConfigException(
        "KUP_TOPIC: topic '" + topic + "' does not exist; create it first (see README)"));
    if (partitionCount(deadLetterTopic).isPresent()) {
      return;
    }
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
