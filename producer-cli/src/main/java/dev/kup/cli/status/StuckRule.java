package dev.kup.cli.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides how a partition stands, by the consumer's own rule for {@code /health/ready}: a
 * partition is stuck when records have waited longer than {@code stuckAfter} with no batch
 * committed, counting from the later of the last commit ({@code kup_offsets.updated_at}) and the
 * first waiting record's timestamp. So a partition idle for hours that just received a record is
 * not stuck, and one kup never committed is stuck once its first waiting record is older than
 * {@code stuckAfter}. When that record's time is needed ({@link #needsOldestWaitingRecord}) but
 * was not read, the partition is only waiting. Without the database a partition committed to
 * Kafka has no commit time, and is never judged stuck. Ages are measured on {@code clock}; a time
 * in the future (clocks apart) counts as now. Pure: no I/O.
 *
 * @param stuckAfter how long records may wait without a commit; positive
 * @param clock the clock ages are measured on
 */
record StuckRule(Duration stuckAfter, Clock clock) {

  StuckRule {
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    Objects.requireNonNull(clock, "clock");
    if (stuckAfter.isNegative() || stuckAfter.isZero()) {
      throw new IllegalArgumentException("--stuck-after must be positive, got " + stuckAfter);
    }
  }

  /**
   * Tells whether judging the partition needs its first waiting record's timestamp: records wait
   * and no commit lies within {@code stuckAfter}, and the commit time is not unknown altogether.
   */
  boolean needsOldestWaitingRecord(PartitionFacts facts) {
    return facts.lag() > 0 && !commitTimeUnknown(facts)
        && lastCommitAge(facts, clock.instant()).filter(this::within).isEmpty();
  }

  PartitionStatus judge(PartitionFacts facts) {
    Instant now = clock.instant();
    Optional<Duration> lastCommitAge = lastCommitAge(facts, now);
    Optional<Duration> oldestWaitingAge = facts.oldestWaitingAt().map(at -> age(at, now));
    return new PartitionStatus(facts, state(facts, lastCommitAge, oldestWaitingAge),
        lastCommitAge, oldestWaitingAge);
  }

  private PartitionState state(PartitionFacts facts, Optional<Duration> lastCommitAge,
      Optional<Duration> oldestWaitingAge) {
    if (facts.lag() == 0) {
      return PartitionState.CAUGHT_UP;
    }
    if (commitTimeUnknown(facts)) {
      return PartitionState.UNKNOWN;
    }
    if (lastCommitAge.filter(this::within).isPresent()) {
      return PartitionState.PROGRESSING;
    }
    return oldestWaitingAge.filter(age -> !within(age)).isPresent()
        ? PartitionState.STUCK : PartitionState.WAITING;
  }

  /** Committed to Kafka, but no database says when. */
  private static boolean commitTimeUnknown(PartitionFacts facts) {
    return facts.stored() instanceof StoredOffset.Unknown && !facts.neverCommitted();
  }

  private static Optional<Duration> lastCommitAge(PartitionFacts facts, Instant now) {
    return facts.stored() instanceof StoredOffset.Committed committed
        ? Optional.of(age(committed.updatedAt(), now))
        : Optional.empty();
  }

  private boolean within(Duration age) {
    return age.compareTo(stuckAfter) <= 0;
  }

  private static Duration age(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
