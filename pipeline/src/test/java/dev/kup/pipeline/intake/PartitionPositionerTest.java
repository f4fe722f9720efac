package dev.kup.pipeline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Positioning against Kafka's own consumer test double and an in-memory offset store. */
class PartitionPositionerTest {
  private static final String GROUP = "g";
  private static final TopicPartition P0 = new TopicPartition("updates", 0);
  private static final TopicPartition P1 = new TopicPartition("updates", 1);

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>("earliest");
  private final InMemoryOffsets offsets = new InMemoryOffsets();
  private final Map<TopicPartition, Long> skipped = new HashMap<>();
  private final PartitionReadiness readiness = new PartitionReadiness();
  private final PipelineMetrics metrics = new PipelineMetrics() {
    @Override
    public void offsetResetSkipped(TopicPartition partition, long count) {
      skipped.merge(partition, count, Long::sum);
    }
  };

  private PartitionState assigned(TopicPartition tp, long logStart, long logEnd) {
    consumer.updateBeginningOffsets(Map.of(tp, logStart));
    consumer.updateEndOffsets(Map.of(tp, logEnd));
    return new PartitionState(tp,
        new BatchLimits(1000, 4L << 20, Duration.ofMillis(50), 64L << 20),
        new RetryOptions(Duration.ofMillis(100), Duration.ofSeconds(10), 0.25, 5, 3,
            Duration.ofSeconds(5)));
  }

  private PartitionPositioner positioner(OffsetOutOfRangePolicy policy) {
    consumer.assign(List.of(P0, P1));
    return new PartitionPositioner(consumer, offsets, GROUP, policy, metrics, readiness);
  }

  @Test
  void aStoredOffsetInsideTheLogIsSoughtToAndDueForKafka() {
    PartitionState p0 = assigned(P0, 0, 100);
    offsets.stored.put(P0, 42L);

    Map<TopicPartition, Long> due = positioner(OffsetOutOfRangePolicy.REFUSE).position(List.of(p0));

    assertThat(p0.accepting()).isTrue();
    assertThat(p0.basisOffset).isEqualTo(42L);
    assertThat(consumer.position(P0)).isEqualTo(42L);
    assertThat(due).containsExactly(Map.entry(P0, 42L));
    assertThat(skipped).isEmpty();
  }

  @Test
  void byDefaultAStoredOffsetBelowTheLogStartRefusesOnlyThatPartition() {
    PartitionState p0 = assigned(P0, 500, 900);
    PartitionState p1 = assigned(P1, 0, 900);
    offsets.stored.put(P0, 100L);
    offsets.stored.put(P1, 100L);

    Map<TopicPartition, Long> due =
        positioner(OffsetOutOfRangePolicy.REFUSE).position(List.of(p0, p1));

    assertThat(p0.positioned).isTrue();
    assertThat(p0.accepting()).isFalse();
    assertThat(p0.wantsPause(Instant.EPOCH)).isTrue();
    assertThat(readiness.problems(Instant.EPOCH, java.time.Duration.ofMinutes(5)))
        .containsOnlyKeys("updates-0")
        .hasEntrySatisfying("updates-0", r -> assertThat(r).contains("stored offset 100",
            "log start 500", "log end 900"));
    assertThat(p1.accepting()).isTrue();
    assertThat(due).containsOnlyKeys(P1);
    assertThat(offsets.stored).containsEntry(P0, 100L);
    assertThat(skipped).isEmpty();
  }

  @Test
  void earliestJumpsToTheLogStartRecordsTheNewBasisAndCountsTheLostRecords() {
    PartitionState p0 = assigned(P0, 500, 900);
    offsets.stored.put(P0, 100L);

    Map<TopicPartition, Long> due =
        positioner(OffsetOutOfRangePolicy.EARLIEST).position(List.of(p0));

    assertThat(offsets.stored).containsEntry(P0, 500L);
    assertThat(p0.basisOffset).as("the next batch's claim compares against the moved row")
        .isEqualTo(500L);
    assertThat(consumer.position(P0)).isEqualTo(500L);
    assertThat(due).containsExactly(Map.entry(P0, 500L));
    assertThat(skipped).containsExactly(Map.entry(P0, 400L));
  }

  @Test
  void latestJumpsPastARecreatedLogAndCountsItsRecords() {
    PartitionState p0 = assigned(P0, 0, 30);
    offsets.stored.put(P0, 7_000L);

    positioner(OffsetOutOfRangePolicy.LATEST).position(List.of(p0));

    assertThat(offsets.stored).containsEntry(P0, 30L);
    assertThat(consumer.position(P0)).isEqualTo(30L);
    assertThat(skipped).containsExactly(Map.entry(P0, 30L));
  }

  @Test
  void aJumpFencedByAnotherConsumerLeavesThePartitionToBePositionedAgain() {
    PartitionState p0 = assigned(P0, 500, 900);
    offsets.stored.put(P0, 100L);
    offsets.fenceNextMove = true;

    positioner(OffsetOutOfRangePolicy.EARLIEST).position(List.of(p0));

    assertThat(p0.positioned).isFalse();
    assertThat(skipped).isEmpty();
  }

  @Test
  void aPartitionWithoutAStoredOffsetIsLeftToAutoOffsetReset() {
    PartitionState p0 = assigned(P0, 0, 10);

    Map<TopicPartition, Long> due =
        positioner(OffsetOutOfRangePolicy.REFUSE).position(List.of(p0));

    assertThat(p0.accepting()).isTrue();
    assertThat(p0.basisOffset).isNull();
    assertThat(due).isEmpty();
  }

  private static final class InMemoryOffsets implements OffsetStore {
    final Map<TopicPartition, Long> stored = new HashMap<>();
    boolean fenceNextMove;

    @Override
    public void createIfMissing() {}

    @Override
    public Map<TopicPartition, Long> load(String groupId, Collection<TopicPartition> partitions) {
      Map<TopicPartition, Long> found = new HashMap<>(stored);
      found.keySet().retainAll(partitions);
      return found;
    }

    @Override
    public void advance(DSLContext tx, String groupId, TopicPartition partition, Long expected,
        long nextOffset) {
      throw new UnsupportedOperationException("no batches here");
    }

    @Override
    public void moveTo(String groupId, TopicPartition partition, long expected, long nextOffset) {
      if (fenceNextMove || stored.get(partition) != expected) {
        throw new OffsetFencedException(partition, expected);
      }
      stored.put(partition, nextOffset);
    }
  }
}
