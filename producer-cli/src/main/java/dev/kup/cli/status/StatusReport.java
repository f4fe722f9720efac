package dev.kup.cli.status;

import dev.kup.cli.deadletter.DeadLetterCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@code kup status} run found.
 *
 * @param group the consumer group
 * @param topic the topic the group reads
 * @param checkedAt when the partitions were judged
 * @param stuckAfter the {@code --stuck-after} they were judged with
 * @param storedKnown whether {@code kup_offsets} was read (a database was given)
 * @param partitions every partition of the topic, in partition order
 * @param deadLetters the dead-letter counts; empty when the dead-letter topic was not read
 */
record StatusReport(
    String group,
    String topic,
    Instant checkedAt,
    Duration stuckAfter,
    boolean storedKnown,
    List<PartitionStatus> partitions,
    Optional<DeadLetterCounts> deadLetters) {
  static final int EXIT_HEALTHY = 0;
  static final int EXIT_STUCK = 3;

  StatusReport {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    partitions = List.copyOf(partitions);
    Objects.requireNonNull(deadLetters, "deadLetters");
  }

  /** The numbers of the stuck partitions, in order. */
  List<Integer> stuckPartitions() {
    return partitions.stream().filter(PartitionStatus::stuck).map(PartitionStatus::partition)
        .toList();
  }

  boolean stuck() {
    return !stuckPartitions().isEmpty();
  }

  long totalLag() {
    return partitions.stream().mapToLong(PartitionStatus::lag).sum();
  }

  /** {@value #EXIT_STUCK} when a partition is stuck, else {@value #EXIT_HEALTHY}. */
  int exitCode() {
    return stuck() ? EXIT_STUCK : EXIT_HEALTHY;
  }
}
