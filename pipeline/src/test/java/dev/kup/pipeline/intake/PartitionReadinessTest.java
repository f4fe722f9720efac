package dev.kup.pipeline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionReadinessTest {
  private static final TopicPartition P0 = new TopicPartition("updates", 0);
  private static final TopicPartition P1 = new TopicPartition("updates", 1);
  private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
  private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

  @Test
  void aRefusedPartitionIsAProblemAtOnceWithItsReason() {
    PartitionReadiness readiness = new PartitionReadiness();
    readiness.refuse(P1, "stored offset 4 is below the log start 9");

    assertThat(readiness.problems(T0, STUCK_AFTER))
        .containsExactly(java.util.Map.entry("updates-1", "stored offset 4 is below the log start 9"));
  }

  @Test
  void recordsWaitingWithoutACommitBecomeAProblemOnlyAfterTheTimeout() {
    PartitionReadiness readiness = new PartitionReadiness();
    readiness.waiting(P0, new PartitionReadiness.Waiting(T0, null, 7));

    assertThat(readiness.problems(T0.plus(STUCK_AFTER), STUCK_AFTER)).isEmpty();
    assertThat(readiness.problems(T0.plus(STUCK_AFTER).plusSeconds(1), STUCK_AFTER))
        .hasEntrySatisfying("updates-0", reason -> assertThat(reason)
            .contains("no batch committed for 301 s", "backing off after 7 failed deliveries"));
  }

  @Test
  void aBatchInFlightTooLongIsNamedWithItsAge() {
    PartitionReadiness readiness = new PartitionReadiness();
    readiness.waiting(P0, new PartitionReadiness.Waiting(T0, T0.plusSeconds(60), 0));

    assertThat(readiness.problems(T0.plusSeconds(400), STUCK_AFTER).get("updates-0"))
        .contains("a batch has been in flight for 340 s");
  }

  @Test
  void progressAndRevocationClearTheProblem() {
    PartitionReadiness readiness = new PartitionReadiness();
    readiness.waiting(P0, new PartitionReadiness.Waiting(T0, null, 0));
    readiness.refuse(P1, "refused");
    readiness.idle(P0);
    readiness.forget(P1);

    assertThat(readiness.problems(T0.plus(Duration.ofHours(1)), STUCK_AFTER)).isEmpty();
  }
}
