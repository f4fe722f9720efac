package dev.kup.pipeline.intake;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff of one partition between re-deliveries of a failed batch: doubles from the
 * initial delay up to the maximum, reset by a success. Owned by the poll thread.
 */
final class PartitionBackoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;
  private Instant resumeAt = Instant.MIN;
  private int failures;

  PartitionBackoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** Starts a pause at {@code now} and returns when it ends. */
  Instant pause(Instant now) {
    failures++;
    resumeAt = now.plus(next);
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return resumeAt;
  }

  boolean isPausing(Instant now) {
    return now.isBefore(resumeAt);
  }

  void succeeded() {
    next = initial;
    failures = 0;
  }

  /** Pauses since the last success: the partition's consecutive failed deliveries. */
  int failures() {
    return failures;
  }
}
