package dev.kup.cli.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads, with the Admin client, a topic's log start and end (read_committed: the last stable
 * offset, which a kup consumer's position reaches when it has read everything) and the offsets a
 * group committed for it. Read-only: it never joins the group nor commits. Does not own the admin.
 */
final class KafkaOffsetReader {
  private final Admin admin;
  private final Duration timeout;

  KafkaOffsetReader(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * The facts of every partition of {@code topic}, in partition order, the stored offset unknown.
   *
   * @throws IllegalArgumentException when the topic does not exist
   * @throws IllegalStateException when Kafka does not answer or refuses
   */
  List<PartitionFacts> read(String topic, String group) {
    List<TopicPartition> partitions = partitionsOf(topic);
    Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(
        Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
        .partitionsToOffsetAndMetadata(group), "the offsets of group '" + group + "'");
    List<PartitionFacts> facts = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata commit = committed.get(tp);
      facts.add(PartitionFacts.ofKafka(tp.partition(), starts.get(tp), ends.get(tp),
          commit == null ? OptionalLong.empty() : OptionalLong.of(commit.offset())));
    }
    return facts;
  }

  private List<TopicPartition> partitionsOf(String topic) {
    TopicDescription description = await(admin.describeTopics(List.of(topic)).allTopicNames(),
        "topic '" + topic + "'").get(topic);
    return description.partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, ListOffsetsResultInfo> infos = await(admin.listOffsets(request,
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), "the log offsets");
    Map<TopicPartition, Long> offsets = new HashMap<>();
    infos.forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalArgumentException(what + " does not exist");
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw notAnswered(what, e);
      }
      throw new IllegalStateException("cannot read " + what + " from Kafka: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw notAnswered(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + what, e);
    }
  }

  private IllegalStateException notAnswered(String what, Exception e) {
    return new IllegalStateException("Kafka did not answer within " + timeout.toSeconds()
        + " s reading " + what, e);
  }
}
