package dev.kup.pipeline.intake;

import static dev.kup.pipeline.commit.CommittedOffsets.committed;
import static dev.kup.pipeline.intake.IntakeFixtures.P0;
import static dev.kup.pipeline.intake.IntakeFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.BatchOutcome;
import dev.kup.pipeline.commit.CommittedOffset;
import dev.kup.pipeline.intake.AssignedPartition.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partition state machine, driven by fake time and Kafka's own consumer test double. */
class AssignedPartitionTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T00:00:00Z"));
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final PartitionReadiness readiness = new PartitionReadiness();
  private final List<BatchClaim> claims = new ArrayList<>();
  private final AssignedPartition p0 = IntakeFixtures.assigned(P0, consumer, readiness, clock);

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0));
  }

  @Test
  void keepsNoRecordUntilItIsPositionedThenResumesAtTheStoredOffset() {
    p0.accept(record(P0, 5), clock.instant());
    assertThat(p0.phase()).isEqualTo(Phase.POSITIONING);
    assertThat(p0.wantsPause(clock.instant())).isTrue();

    p0.positionedAt(committed(P0, 10));

    assertThat(p0.phase()).isEqualTo(Phase.IDLE);
    assertThat(consumer.position(P0)).isEqualTo(10);
    assertThat(p0.wantsPause(clock.instant())).isFalse();
    assertThat(p0.takeKafkaCommit()).as("Kafka catches up with the database")
        .contains(committed(P0, 10));
    assertThat(p0.takeKafkaCommit()).as("only once").isEmpty();
    receive(10, 11, 12);
    assertThat(dispatch().basisOffset()).isEqualTo(10L);
  }

  @Test
  void dispatchesWhenTheBatchIsFullOrLingeredAndHoldsOneBatchAtATime() {
    p0.positionedAt(committed(P0, 10));
    receive(10, 11);
    p0.dispatchIfReady(clock.instant(), this::submit);
    assertThat(claims).as("two of three records, linger not over").isEmpty();

    clock.advance(Duration.ofMillis(50));
    BatchClaim first = dispatch();
    assertThat(first.batch().firstOffset()).isEqualTo(10);
    assertThat(first.batch().nextOffset()).isEqualTo(12);
    assertThat(p0.phase()).isEqualTo(Phase.IN_FLIGHT);

    receive(12, 13, 14);
    p0.dispatchIfReady(clock.instant(), this::submit);
    assertThat(claims).as("a full batch waits for the one in flight").hasSize(1);
  }

  @Test
  void aCommittedBatchMovesTheBasisAndIsDueForKafka() {
    p0.positionedAt(committed(P0, 10));
    p0.takeKafkaCommit();
    receive(10, 11, 12);
    BatchClaim first = dispatch();
    receive(13, 14, 15);

    p0.completed(committedOutcome(first.batch()), clock.instant());

    assertThat(p0.phase()).isEqualTo(Phase.IDLE);
    assertThat(p0.takeKafkaCommit()).contains(committed(P0, 13));
    assertThat(dispatch().basisOffset()).as("the next claim continues from the commit")
        .isEqualTo(13L);
  }

  @Test
  void aBatchToRetryRewindsToItsFirstOffsetAndBacksOffDoublingEachTime() {
    p0.positionedAt(committed(P0, 10));
    receive(10, 11, 12);
    BatchClaim first = dispatch();
    receive(13);

    p0.completed(new BatchOutcome.Retry(first.batch(), new IllegalStateException("db")),
        clock.instant());

    assertThat(p0.phase()).isEqualTo(Phase.BACKING_OFF);
    assertThat(consumer.position(P0)).isEqualTo(10);
    assertThat(p0.wantsPause(clock.instant())).isTrue();
    assertThat(p0.heldBytes()).as("what was buffered is re-read after the seek").isZero();
    clock.advance(Duration.ofMillis(99));
    assertThat(p0.wantsPause(clock.instant())).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(p0.wantsPause(clock.instant())).isFalse();

    receive(10, 11, 12);
    BatchClaim again = dispatch();
    assertThat(again.batch().firstOffset()).isEqualTo(10);
    assertThat(again.basisOffset()).isEqualTo(10L);
    p0.refresh(clock.instant());
    assertThat(readiness.problems(clock.instant().plusSeconds(60), Duration.ofSeconds(1)))
        .hasEntrySatisfying("updates-0", why -> assertThat(why).contains("after 1 failed deliveries"));

    p0.completed(new BatchOutcome.Retry(again.batch(), new IllegalStateException("db")),
        clock.instant());
    clock.advance(Duration.ofMillis(199));
    assertThat(p0.wantsPause(clock.instant())).as("the second pause is twice as long").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(p0.wantsPause(clock.instant())).isFalse();
  }

  @Test
  void aFencedBatchSendsThePartitionBackToBePositionedFromTheDatabase() {
    p0.positionedAt(committed(P0, 10));
    receive(10, 11, 12);
    BatchClaim first = dispatch();
    receive(13);

    p0.completed(new BatchOutcome.Fenced(first.batch(), new IllegalStateException("fenced")),
        clock.instant());

    assertThat(p0.needsPositioning()).isTrue();
    assertThat(p0.heldBytes()).isZero();
    assertThat(p0.wantsPause(clock.instant())).isTrue();
  }

  @Test
  void aFatalOutcomeStopsTheLoop() {
    p0.positionedAt(committed(P0, 10));
    receive(10, 11, 12);
    MicroBatch batch = dispatch().batch();

    assertThatThrownBy(() -> p0.completed(
        new BatchOutcome.Fatal(batch, new OutOfMemoryError("heap")), clock.instant()))
        .isInstanceOf(FatalPipelineException.class)
        .hasMessageContaining("updates-0 offsets 10..12");
  }

  @Test
  void anOutcomeOfABatchNoLongerInFlightChangesNothing() {
    p0.positionedAt(committed(P0, 10));
    receive(10, 11, 12);
    MicroBatch stale = dispatch().batch();
    p0.completed(new BatchOutcome.Fenced(stale, new IllegalStateException("fenced")),
        clock.instant());
    p0.positionedAt(committed(P0, 20));
    p0.takeKafkaCommit();

    p0.completed(committedOutcome(stale), clock.instant());

    assertThat(p0.takeKafkaCommit()).isEmpty();
    receive(20, 21, 22);
    assertThat(dispatch().basisOffset()).isEqualTo(20L);
  }

  @Test
  void aBatchOfAPartitionGivenUpMayNotCommit() {
    p0.positionedAt(committed(P0, 10));
    receive(10, 11, 12);
    BatchClaim claim = dispatch();
    assertThat(claim.owned().getAsBoolean()).isTrue();

    p0.giveUp();

    assertThat(claim.owned().getAsBoolean()).isFalse();
  }

  @Test
  void whileNothingIsHeldKafkaFollowsThePositionPastRecordsThatNeverApply() {
    p0.positionedAt(committed(P0, 10));
    p0.takeKafkaCommit();
    consumer.seek(P0, 14); // offsets 10..13 were transaction markers and aborted records

    assertThat(p0.takeKafkaCommit()).contains(committed(P0, 14));
    assertThat(p0.takeKafkaCommit()).as("not again").isEmpty();

    receive(14);
    consumer.seek(P0, 16);
    assertThat(p0.takeKafkaCommit()).as("a record is held").isEmpty();
  }

  @Test
  void theHeldAgeCountsFromTheOldestRecordHeldInFlightOrBuffered() {
    p0.positionedAt(committed(P0, 10));
    receive(10);
    clock.advance(Duration.ofMillis(30));
    receive(11, 12);
    dispatch();
    clock.advance(Duration.ofMillis(70));
    p0.refresh(clock.instant());

    assertThat(p0.heldAge()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aRefusedPartitionKeepsNothingAndSaysWhy() {
    p0.refused("stored offset 100 is below log start 500");
    p0.accept(record(P0, 500), clock.instant());

    assertThat(p0.heldBytes()).isZero();
    assertThat(p0.wantsPause(clock.instant())).isTrue();
    assertThat(readiness.problems(clock.instant(), Duration.ofMinutes(5)))
        .containsOnlyKeys("updates-0");
  }

  private void receive(long... offsets) {
    for (long offset : offsets) {
      p0.accept(record(P0, offset), clock.instant());
    }
  }

  private BatchClaim dispatch() {
    int before = claims.size();
    p0.dispatchIfReady(clock.instant(), this::submit);
    assertThat(claims).as("a batch was dispatched").hasSize(before + 1);
    return claims.get(claims.size() - 1);
  }

  private Future<?> submit(BatchClaim claim) {
    claims.add(claim);
    return new CompletableFuture<>();
  }

  private BatchOutcome.Committed committedOutcome(MicroBatch batch) {
    CommittedOffset offset = committed(batch.partition(), batch.nextOffset());
    return new BatchOutcome.Committed(new BatchReport(batch, "trace", Map.of(), Map.of(),
        Duration.ZERO, clock.instant()), offset);
  }
}
