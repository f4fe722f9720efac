package dev.kup.demo.stack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * What the demo asks of Kafka's admin API: topics, log end offsets and a consumer group's
 * committed offsets. Every call waits at most 30 s and throws {@link IllegalStateException} with
 * Kafka's error as the cause.
 */
public final class KafkaAdmin implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;

  public KafkaAdmin(String bootstrapServers, Map<String, String> clientSettings) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(config);
  }

  /**
   * Creates each topic that does not exist with {@code partitions} partitions (replication factor
   * 1 on a one-node cluster, else the cluster's default) and returns the partition count of each.
   */
  public Map<String, Integer> ensureTopics(List<String> topics, int partitions) {
    Set<String> existing = get(admin.listTopics().names());
    int brokers = get(admin.describeCluster().nodes()).size();
    List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
        .map(t -> brokers == 1 ? new NewTopic(t, partitions, (short) 1)
            : new NewTopic(t, Optional.of(partitions), Optional.empty()))
        .toList();
    if (!missing.isEmpty()) {
      get(admin.createTopics(missing).all());
    }
    Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
    return described.values().stream()
        .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
  }

  /** The log end offset of every partition of {@code topic}. */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return get(admin.listOffsets(latest).all()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The offsets {@code groupId} has committed; partitions without one are absent. */
  public Map<TopicPartition, Long> committedOffsets(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach((tp, om) -> {
      if (om != null) {
        offsets.put(tp, om.offset());
      }
    });
    return offsets;
  }

  /** Commits {@code offsets} for a new group that has no members, so it starts there. */
  public void startGroupAt(String groupId, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commits = offsets.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    get(admin.alterConsumerGroupOffsets(groupId, commits).all());
  }

  /** Deletes a group that has no members left; a group already gone is fine. */
  public void deleteGroup(String groupId) {
    try {
      admin.deleteConsumerGroups(List.of(groupId)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException
          || e.getCause() instanceof GroupNotEmptyException)) {
        throw new IllegalStateException("cannot delete consumer group " + groupId, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted deleting consumer group " + groupId, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for Kafka", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
