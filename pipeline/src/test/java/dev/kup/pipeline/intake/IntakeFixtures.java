package dev.kup.pipeline.intake;

import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.RetryOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Limits, records and partitions for the intake's unit tests. */
final class IntakeFixtures {
  static final TopicPartition P0 = new TopicPartition("updates", 0);
  static final TopicPartition P1 = new TopicPartition("updates", 1);
  /** Three records or 4 MiB per batch, 50 ms linger, 64 MiB held. */
  static final BatchLimits LIMITS =
      new BatchLimits(3, 4L << 20, Duration.ofMillis(50), 64L << 20);
  /** Backoff from 100 ms, doubling to 10 s. */
  static final RetryOptions RETRY = new RetryOptions(
      Duration.ofMillis(100), Duration.ofSeconds(10), 0.25, 5, 1, Duration.ofHours(1));

  private IntakeFixtures() {}

  static AssignedPartition assigned(TopicPartition tp, MockConsumer<byte[], byte[]> consumer,
      PartitionReadiness readiness, Clock clock) {
    return new AssignedPartition(tp, consumer, readiness, clock, LIMITS, RETRY);
  }

  static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset) {
    return record(tp, offset, 10);
  }

  static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, int bytes) {
    return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, 0L, TimestampType.CREATE_TIME,
        0, bytes, new byte[0], new byte[bytes], new RecordHeaders(), Optional.empty());
  }
}
