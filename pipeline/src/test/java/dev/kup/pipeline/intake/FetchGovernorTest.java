package dev.kup.pipeline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetchGovernorTest {
  private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
  private static final RetryOptions RETRY =
      new RetryOptions(Duration.ofMillis(100), Duration.ofSeconds(10), 0.25, 5, 1, Duration.ofHours(1));
  private static final TopicPartition P0 = new TopicPartition("updates", 0);
  private static final TopicPartition P1 = new TopicPartition("updates", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final InfrastructureBreaker breaker = new InfrastructureBreaker(RETRY, e -> true);
  private final PartitionState p0 = state(P0);
  private final PartitionState p1 = state(P1);

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
  }

  @Test
  void aPartitionFetchesOnlyOnceItIsPositioned() {
    FetchGovernor fetch = new FetchGovernor(consumer, breaker, 1_000_000);
    p1.positioned = true;

    fetch.reconcile(List.of(p0, p1), NOW);
    assertThat(consumer.paused()).containsExactly(P0);
    assertThat(fetch.pausedPartitions()).isEqualTo(1);

    p0.positioned = true;
    fetch.reconcile(List.of(p0, p1), NOW);
    assertThat(consumer.paused()).isEmpty();
    assertThat(fetch.pausedPartitions()).isZero();
  }

  @Test
  void everyPartitionPausesWhileTheRecordsHeldReachTheMemoryBound() {
    FetchGovernor fetch = new FetchGovernor(consumer, breaker, 100);
    p0.positioned = true;
    p1.positioned = true;
    p0.buffer.add(record(P0, 0, 60), NOW);

    fetch.reconcile(List.of(p0, p1), NOW);
    assertThat(consumer.paused()).isEmpty();

    p0.buffer.add(record(P0, 1, 60), NOW);
    fetch.reconcile(List.of(p0, p1), NOW);
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    assertThat(fetch.pausedPartitions()).isEqualTo(2);
  }

  @Test
  void everyPartitionPausesWhileTheBreakerIsOpen() {
    FetchGovernor fetch = new FetchGovernor(consumer, breaker, 1_000_000);
    p0.positioned = true;
    p1.positioned = true;
    breaker.probe(() -> {
      throw new IllegalStateException("database down");
    });

    fetch.reconcile(List.of(p0, p1), NOW);

    assertThat(breaker.isClosed()).isFalse();
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
  }

  private static PartitionState state(TopicPartition tp) {
    return new PartitionState(tp, new BatchLimits(1000, 4L << 20, Duration.ofMillis(50), 64L << 20),
        RETRY);
  }

  private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, int bytes) {
    return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, 0L, TimestampType.CREATE_TIME,
        0, bytes, new byte[0], new byte[bytes], new RecordHeaders(), Optional.empty());
  }
}
