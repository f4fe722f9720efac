package dev.kup.pipeline.intake;

import static dev.kup.pipeline.intake.IntakeFixtures.P0;
import static dev.kup.pipeline.intake.IntakeFixtures.P1;
import static dev.kup.pipeline.intake.IntakeFixtures.RETRY;
import static dev.kup.pipeline.intake.IntakeFixtures.assigned;
import static dev.kup.pipeline.intake.IntakeFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.failure.InfrastructureBreaker;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetchGovernorTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T00:00:00Z"));
  private final Instant now = clock.instant();
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final InfrastructureBreaker breaker = new InfrastructureBreaker(RETRY, e -> true);
  private final PartitionReadiness readiness = new PartitionReadiness();
  private final AssignedPartition p0 = assigned(P0, consumer, readiness, clock);
  private final AssignedPartition p1 = assigned(P1, consumer, readiness, clock);

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
  }

  @Test
  void aPartitionFetchesOnlyOnceItIsPositioned() {
    FetchGovernor fetch = new FetchGovernor(consumer, breaker, 1_000_000);
    p1.positionedAtLogStart();

    fetch.reconcile(List.of(p0, p1), now);
    assertThat(consumer.paused()).containsExactly(P0);
    assertThat(fetch.pausedPartitions()).isEqualTo(1);

    p0.positionedAtLogStart();
    fetch.reconcile(List.of(p0, p1), now);
    assertThat(consumer.paused()).isEmpty();
    assertThat(fetch.pausedPartitions()).isZero();
  }

  @Test
  void everyPartitionPausesWhileTheRecordsHeldReachTheMemoryBound() {
    FetchGovernor fetch = new FetchGovernor(consumer, breaker, 100);
    p0.positionedAtLogStart();
    p1.positionedAtLogStart();
    p0.accept(record(P0, 0, 60), now);

    fetch.reconcile(List.of(p0, p1), now);
    assertThat(consumer.paused()).isEmpty();

    p0.accept(record(P0, 1, 60), now);
    fetch.reconcile(List.of(p0, p1), now);
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    assertThat(fetch.pausedPartitions()).isEqualTo(2);
  }

  @Test
  void everyPartitionPausesWhileTheBreakerIsOpen() {
    FetchGovernor fetch = new FetchGovernor(consumer, breaker, 1_000_000);
    p0.positionedAtLogStart();
    p1.positionedAtLogStart();
    breaker.probe(() -> {
      throw new IllegalStateException("database down");
    });

    fetch.reconcile(List.of(p0, p1), now);

    assertThat(breaker.isClosed()).isFalse();
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
  }
}
