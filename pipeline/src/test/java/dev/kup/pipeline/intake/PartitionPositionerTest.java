package dev.kup.pipeline.intake;

import static dev.kup.pipeline.intake.IntakeFixtures.P0;
import static dev.kup.pipeline.intake.IntakeFixtures.P1;
import static dev.kup.pipeline.intake.IntakeFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.CommittedOffset;
import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Positioning against Kafka's own consumer test double and an in-memory offset store. */
class PartitionPositionerTest {
  private static final String GROUP = "g";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T00:00:00Z"));
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final InMemoryOffsets offsets = new InMemoryOffsets();
  private final Map<TopicPartition, Long> skipped = new HashMap<>();
  private final PartitionReadiness readiness = new PartitionReadiness();
  /** Database reads the positioner started, run by {@link #position} as a worker would. */
  private final List<Runnable> reads = new ArrayList<>();
  private final PipelineMetrics metrics = new PipelineMetrics() {
    @Override
    public void offsetResetSkipped(TopicPartition partition, long count) {
      skipped.merge(partition, count, Long::sum);
    }
  };

  @Test
  void aStoredOffsetInsideTheLogIsSoughtToAndDueForKafka() {
    AssignedPartition p0 = assigned(P0, 0, 100);
    offsets.stored.put(P0, 42L);

    position(positioner(OffsetOutOfRangePolicy.REFUSE), p0);

    assertThat(p0.accepting()).isTrue();
    assertThat(consumer.position(P0)).isEqualTo(42L);
    assertThat(dueForKafka(p0)).contains(42L);
    assertThat(basisOfNextBatch(p0)).isEqualTo(42L);
    assertThat(skipped).isEmpty();
  }

  @Test
  void byDefaultAStoredOffsetBelowTheLogStartRefusesOnlyThatPartition() {
    AssignedPartition p0 = assigned(P0, 500, 900);
    AssignedPartition p1 = assigned(P1, 0, 900);
    offsets.stored.put(P0, 100L);
    offsets.stored.put(P1, 100L);

    position(positioner(OffsetOutOfRangePolicy.REFUSE), p0, p1);

    assertThat(p0.needsPositioning()).isFalse();
    assertThat(p0.accepting()).isFalse();
    assertThat(p0.wantsPause(Instant.EPOCH)).isTrue();
    assertThat(readiness.problems(Instant.EPOCH, Duration.ofMinutes(5)))
        .containsOnlyKeys("updates-0")
        .hasEntrySatisfying("updates-0", r -> assertThat(r).contains("stored offset 100",
            "log start 500", "log end 900"));
    assertThat(p1.accepting()).isTrue();
    assertThat(dueForKafka(p0)).isEmpty();
    assertThat(dueForKafka(p1)).contains(100L);
    assertThat(offsets.stored).containsEntry(P0, 100L);
    assertThat(skipped).isEmpty();
  }

  @Test
  void earliestJumpsToTheLogStartRecordsTheNewBasisAndCountsTheLostRecords() {
    AssignedPartition p0 = assigned(P0, 500, 900);
    offsets.stored.put(P0, 100L);

    position(positioner(OffsetOutOfRangePolicy.EARLIEST), p0);

    assertThat(offsets.stored).containsEntry(P0, 500L);
    assertThat(consumer.position(P0)).isEqualTo(500L);
    assertThat(dueForKafka(p0)).contains(500L);
    assertThat(skipped).containsExactly(Map.entry(P0, 400L));
    assertThat(basisOfNextBatch(p0)).as("the next batch's claim compares against the moved row")
        .isEqualTo(500L);
  }

  @Test
  void latestJumpsPastARecreatedLogAndCountsItsRecords() {
    AssignedPartition p0 = assigned(P0, 0, 30);
    offsets.stored.put(P0, 7_000L);

    position(positioner(OffsetOutOfRangePolicy.LATEST), p0);

    assertThat(offsets.stored).containsEntry(P0, 30L);
    assertThat(consumer.position(P0)).isEqualTo(30L);
    assertThat(skipped).containsExactly(Map.entry(P0, 30L));
  }

  @Test
  void aJumpFencedByAnotherConsumerLeavesThePartitionToBePositionedAgain() {
    AssignedPartition p0 = assigned(P0, 500, 900);
    offsets.stored.put(P0, 100L);
    offsets.fenceNextMove = true;

    position(positioner(OffsetOutOfRangePolicy.EARLIEST), p0);

    assertThat(p0.needsPositioning()).isTrue();
    assertThat(skipped).isEmpty();
  }

  @Test
  void aPartitionWithoutAStoredOffsetIsLeftToAutoOffsetReset() {
    AssignedPartition p0 = assigned(P0, 0, 10);

    position(positioner(OffsetOutOfRangePolicy.REFUSE), p0);

    assertThat(p0.accepting()).isTrue();
    assertThat(dueForKafka(p0)).isEmpty();
    assertThat(basisOfNextBatch(p0)).as("the first batch claims an absent row").isNull();
  }

  @Test
  void whileTheDatabaseDoesNotAnswerPartitionsWaitToBePositionedAndThenAreSoughtTo() {
    AssignedPartition p0 = assigned(P0, 0, 100);
    offsets.stored.put(P0, 42L);
    offsets.down = true;
    PartitionPositioner positioner = positioner(OffsetOutOfRangePolicy.REFUSE);

    position(positioner, p0);
    assertThat(p0.needsPositioning()).isTrue();
    assertThat(p0.accepting()).isFalse();

    offsets.down = false;
    position(positioner, p0);
    assertThat(p0.needsPositioning()).isFalse();
    assertThat(consumer.position(P0)).isEqualTo(42L);
  }

  @Test
  void theStoredOffsetIsReadOffThePollThreadAndThePartitionWaitsForIt() {
    AssignedPartition p0 = assigned(P0, 0, 100);
    offsets.stored.put(P0, 42L);
    PartitionPositioner positioner = positioner(OffsetOutOfRangePolicy.REFUSE);

    positioner.positionPending(List.of(p0));
    positioner.positionPending(List.of(p0));

    assertThat(reads).as("one read, handed to the reader, not run on this thread").hasSize(1);
    assertThat(p0.needsPositioning()).isTrue();
    reads.remove(0).run();
    positioner.positionPending(List.of(p0));
    assertThat(p0.needsPositioning()).isFalse();
    assertThat(consumer.position(P0)).isEqualTo(42L);
  }

  @Test
  void aPartitionGivenUpWhileItsOffsetWasReadIsNotSoughtTo() {
    AssignedPartition p0 = assigned(P0, 0, 100);
    offsets.stored.put(P0, 42L);
    PartitionPositioner positioner = positioner(OffsetOutOfRangePolicy.REFUSE);
    positioner.positionPending(List.of(p0));

    p0.giveUp();
    reads.remove(0).run();
    positioner.positionPending(List.of(p0));

    assertThat(p0.needsPositioning()).isTrue();
    assertThat(dueForKafka(p0)).isEmpty();
  }

  /** Starts the read of stored offsets, runs it as a worker would, and positions. */
  private void position(PartitionPositioner positioner, AssignedPartition... partitions) {
    positioner.positionPending(List.of(partitions));
    assertThat(reads).hasSize(1);
    reads.remove(0).run();
    positioner.positionPending(List.of(partitions));
  }

  private AssignedPartition assigned(TopicPartition tp, long logStart, long logEnd) {
    consumer.updateBeginningOffsets(Map.of(tp, logStart));
    consumer.updateEndOffsets(Map.of(tp, logEnd));
    return IntakeFixtures.assigned(tp, consumer, readiness, clock);
  }

  private PartitionPositioner positioner(OffsetOutOfRangePolicy policy) {
    consumer.assign(List.of(P0, P1));
    return new PartitionPositioner(consumer, offsets, new PipelineErrorClassifier(), GROUP, policy,
        metrics, reads::add);
  }

  private static Optional<Long> dueForKafka(AssignedPartition partition) {
    return partition.takeKafkaCommit().map(CommittedOffset::nextOffset);
  }

  /** The stored offset the partition's next batch claims to continue from. */
  private Long basisOfNextBatch(AssignedPartition partition) {
    List<BatchClaim> claims = new ArrayList<>();
    partition.accept(record(partition.partition(), 1_000_000), clock.instant());
    partition.dispatchIfReady(clock.instant().plusSeconds(1), claim -> {
      claims.add(claim);
      return new CompletableFuture<>();
    });
    assertThat(claims).hasSize(1);
    return claims.get(0).basisOffset();
  }

  private static final class InMemoryOffsets implements OffsetStore {
    final Map<TopicPartition, Long> stored = new HashMap<>();
    boolean fenceNextMove;
    boolean down;

    @Override
    public void createIfMissing() {}

    @Override
    public Map<TopicPartition, Long> load(String groupId, Collection<TopicPartition> partitions) {
      if (down) {
        throw new org.jooq.exception.DataAccessException("connection refused",
            new java.sql.SQLTransientConnectionException("refused", "08001"));
      }
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
