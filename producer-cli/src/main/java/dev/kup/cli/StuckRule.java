package dev.kup.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides how a partition stands. A partition is stuck when records wait (lag &gt; 0) and no
 * batch of it was committed for longer than {@code stuckAfter} ({@code kup_offsets.updated_at}).
 * A partition kup never committed has no such time: it is stuck when its first waiting record is
 * older than {@code stuckAfter} (nothing was applied since it arrived), and only waiting while
 * that record is younger or its age unread. Without the database a partition committed to Kafka
 * has no commit time at all, and is never judged stuck. Ages are measured on {@code clock}; a
 * time in the future (clocks apart) counts as now. Pure: no I/O.
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

  PartitionStatus judge(PartitionFacts facts) {
    Instant now = clock.instant();
    Optional<Duration> lastCommitAge = facts.stored() instanceof StoredOffset.Committed committed
        ? Optional.of(age(committed.updatedAt(), now))
        : Optional.empty();
    Optional<Duration> oldestWaitingAge = facts.neverCommitted()
        ? facts.oldestWaitingAt().map(at -> age(at, now))
        : Optional.empty();
    return new PartitionStatus(facts, state(facts, lastCommitAge, oldestWaitingAge),
        lastCommitAge, oldestWaitingAge);
  }

  private PartitionState state(PartitionFacts facts, Optional<Duration> lastCommitAge,
      Optional<Duration> oldestWaitingAge) {
    if (facts.lag() == 0) {
      return PartitionState.CAUGHT_UP;
    }
    if (lastCommitAge.isPresent()) {
      return longerThanAllowed(lastCommitAge.get())
          ? PartitionState.STUCK : PartitionState.PROGRESSING;
    }
    if (facts.neverCommitted()) {
      return oldestWaitingAge.filter(this::longerThanAllowed).isPresent()
          ? PartitionState.STUCK : PartitionState.WAITING;
    }
    return PartitionState.UNKNOWN;
  }

  private boolean longerThanAllowed(Duration age) {
    return age.compareTo(stuckAfter) > 0;
  }

  private static Duration age(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
