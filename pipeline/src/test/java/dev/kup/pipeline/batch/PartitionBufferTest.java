package dev.kup.pipeline.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.BatchLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class PartitionBufferTest {
  private static final long IN_FLIGHT = 64L << 20;
  private static final TopicPartition TP = new TopicPartition("updates", 3);
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  private static ConsumerRecord<byte[], byte[]> record(long offset, int valueBytes) {
    return new ConsumerRecord<>("updates", 3, offset, 0L, TimestampType.CREATE_TIME,
        10, valueBytes, new byte[10], null, new RecordHeaders(), Optional.empty());
  }

  @Test
  void closesABatchWhenTheRecordCountIsReached() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(3, 1_000_000, Duration.ofSeconds(10), IN_FLIGHT));
    buffer.add(record(0, 10), T0);
    buffer.add(record(1, 10), T0);
    assertThat(buffer.isReady(T0)).isFalse();
    buffer.add(record(2, 10), T0);
    buffer.add(record(3, 10), T0);

    assertThat(buffer.isReady(T0)).isTrue();
    MicroBatch batch = buffer.take().orElseThrow();
    assertThat(batch.firstOffset()).isEqualTo(0);
    assertThat(batch.lastOffset()).isEqualTo(2);
    assertThat(batch.nextOffset()).isEqualTo(3);
    assertThat(buffer.size()).isEqualTo(1);
    assertThat(buffer.isReady(T0)).isFalse();
  }

  @Test
  void closesABatchWhenTheByteLimitIsReachedWithoutExceedingIt() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(100, 100, Duration.ofSeconds(10), IN_FLIGHT));
    buffer.add(record(0, 30), T0); // 40 bytes with key
    buffer.add(record(1, 30), T0);
    assertThat(buffer.isReady(T0)).isFalse();
    buffer.add(record(2, 30), T0);

    assertThat(buffer.isReady(T0)).isTrue();
    MicroBatch batch = buffer.take().orElseThrow();
    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.bytes()).isEqualTo(80);
    assertThat(buffer.bytes()).isEqualTo(40);
  }

  @Test
  void aRecordLargerThanTheByteLimitFormsABatchOfItsOwn() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(100, 50, Duration.ofSeconds(10), IN_FLIGHT));
    buffer.add(record(0, 500), T0);
    buffer.add(record(1, 5), T0);

    assertThat(buffer.take().orElseThrow().size()).isEqualTo(1);
    assertThat(buffer.size()).isEqualTo(1);
  }

  @Test
  void closesABatchWhenTheOldestRecordHasLingeredLongEnough() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(100, 1_000_000, Duration.ofMillis(50), IN_FLIGHT));
    buffer.add(record(0, 10), T0);
    buffer.add(record(1, 10), T0.plusMillis(40));

    assertThat(buffer.lingerDeadline()).contains(T0.plusMillis(50));
    assertThat(buffer.isReady(T0.plusMillis(49))).isFalse();
    assertThat(buffer.isReady(T0.plusMillis(50))).isTrue();
    assertThat(buffer.take().orElseThrow().size()).isEqualTo(2);
    assertThat(buffer.lingerDeadline()).isEmpty();
  }

  @Test
  void clearDropsEverything() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(1000, 4L << 20, Duration.ofMillis(50), IN_FLIGHT));
    buffer.add(record(0, 10), T0);
    buffer.clear();
    assertThat(buffer.size()).isZero();
    assertThat(buffer.bytes()).isZero();
    assertThat(buffer.take()).isEmpty();
  }

  @Test
  void countsHeaderKeysAndValuesAsHeldBytes() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(100, 1_000_000, Duration.ofSeconds(10), IN_FLIGHT));
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[5_000]); // 5 + 5,000 bytes
    headers.add("empty", null); // 5 bytes

    buffer.add(new ConsumerRecord<>("updates", 3, 0L, 0L, TimestampType.CREATE_TIME,
        10, 20, new byte[10], new byte[20], headers, Optional.empty()), T0);

    assertThat(buffer.bytes()).isEqualTo(10 + 20 + 5 + 5_000 + 5);
    assertThat(buffer.take().orElseThrow().bytes()).isEqualTo(5_040);
  }

  @Test
  void aRecordLargerThanTheBatchLimitIsReadyAtOnceAndGoesAlone() {
    PartitionBuffer buffer = new PartitionBuffer(TP, new BatchLimits(100, 100, Duration.ofSeconds(10), 100));
    buffer.add(record(0, 10), T0);
    RecordHeaders headers = new RecordHeaders();
    headers.add("big", new byte[500]);
    buffer.add(new ConsumerRecord<>("updates", 3, 1L, 0L, TimestampType.CREATE_TIME,
        10, 10, new byte[10], new byte[10], headers, Optional.empty()), T0);
    buffer.add(record(2, 10), T0);

    assertThat(buffer.isReady(T0)).isTrue();
    assertThat(buffer.take().orElseThrow().records()).extracting(r -> r.offset()).containsExactly(0L);
    MicroBatch big = buffer.take().orElseThrow();
    assertThat(big.records()).extracting(r -> r.offset()).containsExactly(1L);
    assertThat(big.bytes()).isEqualTo(523);
    assertThat(buffer.take().orElseThrow().firstOffset()).isEqualTo(2);
  }
}
