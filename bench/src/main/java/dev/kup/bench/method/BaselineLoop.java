package dev.kup.bench.method;

import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecordDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The poll loop of a baseline consumer, on the calling thread: subscribe with a fresh group, poll,
 * let the {@link PollApplier} write and commit, then {@code commitSync} the offsets, until the
 * expected number of records is consumed. Kafka client defaults otherwise (500 records per poll).
 */
public final class BaselineLoop {

  /** How long the loop waits without any record before giving up. */
  static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;

  public BaselineLoop(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Consumes {@code total} records of {@code topic} with {@code applier}, which this call closes.
   *
   * @return records consumed, updates applied and the seconds from the first poll that returned
   *     records to the last offset commit
   * @throws IllegalStateException when no record arrives for {@link #STALL_TIMEOUT}
   */
  public Consumed run(String topic, String groupId, long total, PollApplier applier)
      throws Exception {
    try (applier; KafkaConsumer<byte[], DecodedUpdate> consumer = consumer(groupId)) {
      consumer.subscribe(List.of(topic));
      long consumed = 0;
      long applied = 0;
      long start = 0;
      long lastProgress = System.nanoTime();
      while (consumed < total) {
        ConsumerRecords<byte[], DecodedUpdate> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          checkStall(lastProgress, consumed, total);
          continue;
        }
        start = start == 0 ? System.nanoTime() : start;
        applied += applier.apply(records);
        consumer.commitSync();
        consumed += records.count();
        lastProgress = System.nanoTime();
      }
      return new Consumed(consumed, applied, (System.nanoTime() - start) / 1e9);
    }
  }

  private static void checkStall(long lastProgress, long consumed, long total) {
    if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
      throw new IllegalStateException(
          "no record for " + STALL_TIMEOUT + " at " + consumed + " of " + total);
    }
  }

  private KafkaConsumer<byte[], DecodedUpdate> consumer(String groupId) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, UpdateRecordDeserializer.class);
    return new KafkaConsumer<>(config);
  }

  /**
   * @param records records consumed and committed
   * @param applied updates that found their row at the expected version
   * @param seconds from the first non-empty poll to the last commit
   */
  public record Consumed(long records, long applied, double seconds) {
    public double perSecond() {
      return records / seconds;
    }
  }
}
