package dev.kup.cli.status;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One partition of the group, judged.
 *
 * @param facts what was read about it
 * @param state how it stands
 * @param lastCommitAge time since {@code kup_offsets.updated_at}; empty when no row is known
 * @param oldestWaitingAge age of the first waiting record, when it was read (only for a partition
 *     whose last commit is older than --stuck-after, or that kup never committed)
 */
record PartitionStatus(
    PartitionFacts facts,
    PartitionState state,
    Optional<Duration> lastCommitAge,
    Optional<Duration> oldestWaitingAge) {

  PartitionStatus {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastCommitAge, "lastCommitAge");
    Objects.requireNonNull(oldestWaitingAge, "oldestWaitingAge");
  }

  int partition() {
    return facts.partition();
  }

  long lag() {
    return facts.lag();
  }

  boolean stuck() {
    return state == PartitionState.STUCK;
  }
}
