package dev.kup.pipeline.intake;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.batch.PartitionBuffer;
import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.RetryOptions;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;

/**
 * What the poll loop knows about one assigned partition. Owned by the poll thread; never shared.
 */
final class PartitionState {
  final TopicPartition partition;
  final PartitionBuffer buffer;
  final PartitionBackoff backoff;
  private final BatchLimits limits;
  /** The stored offset the next batch continues from; null when none is stored yet. */
  Long basisOffset;
  /** False until the stored offset was read and sought to. */
  boolean positioned;
  /** The batch a worker holds, if any: at most one per partition, so order holds. */
  MicroBatch inFlight;
  Future<?> inFlightTask;
  /** When the first record of the in-flight batch arrived. */
  Instant inFlightSince;
  /** When the in-flight batch was handed to a worker. */
  Instant dispatchedAt;
  /** The consumer position last queued for Kafka past records that never reach kup, or -1. */
  long kafkaPosition = -1;
  /** Why the partition is refused (its stored offset lies outside the log), or null. */
  String refusal;
  /** Since when records have waited here with no batch committed; null while none wait. */
  private Instant waitingSince;

  PartitionState(TopicPartition partition, BatchLimits limits, RetryOptions retry) {
    this.partition = partition;
    this.limits = limits;
    this.buffer = new PartitionBuffer(partition, limits);
    this.backoff = new PartitionBackoff(retry.backoffInitial(), retry.backoffMax());
  }

  /** Whether a new batch may be dispatched now. */
  boolean canDispatch(Instant now) {
    return accepting() && inFlight == null && !backoff.isPausing(now) && buffer.isReady(now);
  }

  /** When the oldest record held here (in flight or buffered) and not yet committed arrived. */
  Optional<Instant> oldestHeldSince() {
    return inFlight != null ? Optional.of(inFlightSince) : buffer.oldestArrival();
  }

  /** Whether records fetched for this partition are kept: positioned and not refused. */
  boolean accepting() {
    return positioned && refusal == null;
  }

  /** A batch committed: whatever waits now has waited since now. */
  void committed() {
    waitingSince = null;
  }

  /**
   * What waits here with no progress, for readiness; empty while nothing waits. A batch that
   * failed still waits while it is redelivered, though nothing is held until it is fetched again.
   */
  Optional<PartitionReadiness.Waiting> waiting(Instant now) {
    if (inFlight == null && buffer.size() == 0 && backoff.failures() == 0) {
      waitingSince = null;
      return Optional.empty();
    }
    waitingSince = waitingSince == null ? now : waitingSince;
    return Optional.of(new PartitionReadiness.Waiting(
        waitingSince, inFlight == null ? null : dispatchedAt, backoff.failures()));
  }

  /**
   * Whether fetching should pause: not positioned, refused, backing off, or buffered enough for
   * now.
   */
  boolean wantsPause(Instant now) {
    return !accepting() || backoff.isPausing(now)
        || buffer.size() >= 2 * limits.maxRecords() || buffer.bytes() >= 2 * limits.maxBytes();
  }
}
