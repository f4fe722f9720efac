package dev.kup.bench.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Creates the benchmark's topics and reads their end offsets, with one Admin client against any
 * broker (the benchmark's own or one given by {@code KUP_BOOTSTRAP_SERVERS}). Thread-safe.
 */
public final class BenchTopics implements AutoCloseable {

  /** Partitions of every benchmark topic. */
  public static final int PARTITIONS = 6;

  private static final long CALL_TIMEOUT_SECONDS = 60;

  private final Admin admin;

  public BenchTopics(String bootstrapServers) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(config);
  }

  /**
   * Creates a topic of {@value #PARTITIONS} partitions, one that already exists is an error, and
   * returns once every partition's leader answers. Why wait: the controller acknowledges the topic
   * before the broker leads its partitions, and an idempotent producer whose first batch met
   * NOT_LEADER_OR_FOLLOWER there was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery
   * timeout. Listing offsets is served by the leader only, and the Admin client retries it until
   * the leader is there.
   */
  public void create(String topic) {
    await(admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all());
    endOffsets(topic);
  }

  /** The end offset of every partition of {@code topic}. */
  public Map<TopicPartition, Long> endOffsets(String topic) {
    Map<TopicPartition, OffsetSpec> latest =
        java.util.stream.IntStream.range(0, PARTITIONS)
            .mapToObj(p -> new TopicPartition(topic, p))
            .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
    return await(admin.listOffsets(latest).all()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The sum of the end offsets: the number of records a fresh group has to consume. */
  public long totalEndOffset(String topic) {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    admin.close();
  }

  private static <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from Kafka in " + CALL_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }
}
