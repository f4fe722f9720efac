package dev.kup.localkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * The topic operations of {@link KafkaBroker}, done with short-lived clients against one bootstrap
 * address. Every call opens and closes its own clients, so instances are safe to share.
 */
final class KafkaTopicClient {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;

  KafkaTopicClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  void createTopic(String name, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    withAdmin(
        admin -> {
          try {
            await(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
          } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
            int existing = describe(admin, name).partitions().size();
            if (existing != partitions) {
              throw new IllegalStateException(
                  "topic " + name + " exists with " + existing + " partitions, not " + partitions,
                  e);
            }
          }
          Awaitility.await("leaders of " + name)
              .atMost(CALL_TIMEOUT)
              .pollInterval(Duration.ofMillis(50))
              .ignoreExceptions()
              .until(
                  () ->
                      describe(admin, name).partitions().stream()
                          .allMatch(p -> p.leader() != null));
          return null;
        });
  }

  Map<TopicPartition, Long> endOffsets(String topic) {
    return withAdmin(
        admin -> {
          Map<TopicPartition, OffsetSpec> latest =
              partitionsOf(admin, topic).stream()
                  .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
          return await(admin.listOffsets(latest).all()).entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        });
  }

  Map<TopicPartition, Long> committedOffsets(String groupId, String topic) {
    return withAdmin(
        admin -> {
          Map<TopicPartition, OffsetAndMetadata> all =
              await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
          return all.entrySet().stream()
              .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        });
  }

  List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<TopicPartition> partitions = withAdmin(admin -> partitionsOf(admin, topic));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig())) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CALL_TIMEOUT);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      Instant deadline = Instant.now().plus(CALL_TIMEOUT);
      while (!reached(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "read only " + records.size() + " records of " + topic + " up to " + end);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      records.removeIf(r -> r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())));
      records.sort(
          Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
              .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey(), CALL_TIMEOUT) >= e.getValue());
  }

  private List<TopicPartition> partitionsOf(Admin admin, String topic) {
    return describe(admin, topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private static TopicDescription describe(Admin admin, String topic) {
    return await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic));
  }

  private <T> T withAdmin(Function<Admin, T> call) {
    Properties config = new Properties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      return call.apply(admin);
    }
  }

  private Properties readerConfig() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** Waits for an admin result; a failure becomes an exception whose cause is Kafka's. */
  private static <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from Kafka within " + CALL_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }
}
