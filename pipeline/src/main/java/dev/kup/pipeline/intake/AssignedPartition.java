package dev.kup.pipeline.intake;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.batch.PartitionBuffer;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.BatchOutcome;
import dev.kup.pipeline.commit.CommittedOffset;
import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.log.EngineEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assigned partition's state machine: {@link Phase#POSITIONING} until its stored offset is
 * read and sought to (or it is {@link Phase#REFUSED}), then {@link Phase#IDLE} ⇄ {@link
 * Phase#IN_FLIGHT} (at most one batch with a worker, so a row's updates stay in order), and
 * {@link Phase#BACKING_OFF} after a batch that did not commit, until its backoff ends. It owns the
 * partition's buffer, backoff, stored basis offset, oldest held record and pending Kafka commit,
 * and seeks the consumer for it. Owned by the poll thread; {@link #heldAge()} and the ownership
 * its batches check are read from other threads.
 */
final class AssignedPartition {
  private static final Logger LOG = LoggerFactory.getLogger(AssignedPartition.class);

  enum Phase { POSITIONING, REFUSED, IDLE, IN_FLIGHT, BACKING_OFF }

  /** The batch a worker holds, when the oldest of its records arrived, and when it was handed. */
  private record InFlight(
      MicroBatch batch, Future<?> task, Instant heldSince, Instant dispatchedAt) {}

  private final TopicPartition partition;
  private final Consumer<byte[], byte[]> consumer;
  private final PartitionReadiness readiness;
  private final Clock clock;
  private final BatchLimits limits;
  private final PartitionBuffer buffer;
  private final PartitionBackoff backoff;
  private Phase phase = Phase.POSITIONING;
  /** The stored offset the next batch continues from; null while none is stored. */
  private CommittedOffset basis;
  private InFlight inFlight;
  /** What Kafka's copy should take next, and what it took last. */
  private CommittedOffset pendingKafkaCommit;
  private long lastMirrored = -1;
  /** Since when records have waited here with no batch committed; null while none wait. */
  private Instant waitingSince;
  private volatile Instant oldestHeld;
  private volatile boolean owned = true;

  AssignedPartition(TopicPartition partition, Consumer<byte[], byte[]> consumer,
      PartitionReadiness readiness, Clock clock, BatchLimits limits, RetryOptions retry) {
    this.partition = partition;
    this.consumer = consumer;
    this.readiness = readiness;
    this.clock = clock;
    this.limits = limits;
    this.buffer = new PartitionBuffer(partition, limits);
    this.backoff = new PartitionBackoff(retry.backoffInitial(), retry.backoffMax());
  }

  TopicPartition partition() {
    return partition;
  }

  Phase phase() {
    return phase;
  }

  boolean needsPositioning() {
    return phase == Phase.POSITIONING;
  }

  /** Resumes at the offset the database stored; Kafka's copy catches up with it too. */
  void positionedAt(CommittedOffset stored) {
    buffer.clear();
    basis = stored;
    consumer.seek(partition, stored.nextOffset());
    // a process that died between its DB commit and its Kafka commit left Kafka behind: catch it
    // up, or a partition with nothing left to process would show lag forever
    pendingKafkaCommit = stored;
    phase = Phase.IDLE;
  }

  /** Nothing stored yet: starts where the consumer's {@code auto.offset.reset} puts it. */
  void positionedAtLogStart() {
    buffer.clear();
    basis = null;
    phase = Phase.IDLE;
  }

  /** Its stored offset lies outside the log and the policy refuses it: it waits, paused. */
  void refused(String reason) {
    buffer.clear();
    basis = null;
    phase = Phase.REFUSED;
    readiness.refuse(partition, reason);
  }

  /**
   * The consumer's position left the log (retention, a recreated topic).
   *
   * @return whether it starts again from the log start, since kup never committed for it; else it
   *     is positioned again from the database (unless a batch is in flight: its outcome decides)
   */
  boolean positionLost() {
    if (phase == Phase.IN_FLIGHT || !accepting()) {
      return false;
    }
    if (basis == null) {
      return true;
    }
    buffer.clear();
    phase = Phase.POSITIONING;
    return false;
  }

  /** Whether records fetched for this partition are kept: positioned and not refused. */
  boolean accepting() {
    return phase != Phase.POSITIONING && phase != Phase.REFUSED;
  }

  void accept(ConsumerRecord<byte[], byte[]> record, Instant now) {
    if (accepting()) {
      buffer.add(record, now);
    }
  }

  /** Whether fetching should pause: not accepting, backing off, or buffered enough for now. */
  boolean wantsPause(Instant now) {
    return !accepting() || backoff.isPausing(now)
        || buffer.size() >= 2 * limits.maxRecords() || buffer.bytes() >= 2 * limits.maxBytes();
  }

  /** Bytes held in memory: buffered, and in the batch not yet committed. */
  long heldBytes() {
    return buffer.bytes() + (inFlight == null ? 0 : inFlight.batch().bytes());
  }

  /** When the buffer's linger ends, while no batch is in flight. */
  Optional<Instant> lingerDeadline() {
    return inFlight == null ? buffer.lingerDeadline() : Optional.empty();
  }

  /** Hands the next batch to {@code submit} when one is ready and none is in flight. */
  void dispatchIfReady(Instant now, Function<BatchClaim, Future<?>> submit) {
    if (phase == Phase.BACKING_OFF && !backoff.isPausing(now)) {
      phase = Phase.IDLE;
    }
    if (phase != Phase.IDLE || !buffer.isReady(now)) {
      return;
    }
    Instant heldSince = buffer.oldestArrival().orElseThrow();
    MicroBatch batch = buffer.take().orElseThrow();
    Long basisOffset = basis == null ? null : basis.nextOffset();
    Future<?> task = submit.apply(new BatchClaim(batch, basisOffset, this::isOwned));
    inFlight = new InFlight(batch, task, heldSince, now);
    phase = Phase.IN_FLIGHT;
  }

  /** The in-flight batch's task, to wait for before the partition is given up. */
  Optional<Future<?>> inFlightTask() {
    return Optional.ofNullable(inFlight).map(InFlight::task);
  }

  /**
   * Takes a worker's outcome: a committed batch moves the basis and is due for Kafka; a fenced
   * one re-reads the stored offset; one to retry rewinds to its first offset and backs off.
   *
   * @throws FatalPipelineException when the outcome is fatal
   */
  void completed(BatchOutcome outcome, Instant now) {
    if (inFlight == null || inFlight.batch() != outcome.batch()) {
      return; // a batch of an earlier assignment
    }
    inFlight = null;
    phase = Phase.IDLE;
    MicroBatch batch = outcome.batch();
    if (outcome instanceof BatchOutcome.Committed committed) {
      basis = committed.offset();
      pendingKafkaCommit = committed.offset();
      backoff.succeeded();
      waitingSince = null;
    } else if (outcome instanceof BatchOutcome.Fenced fenced) {
      LOG.warn(EngineEvent.BATCH_FENCED.marker(), "{}; repositioning from the stored offset",
          fenced.cause().getMessage());
      buffer.clear();
      phase = Phase.POSITIONING;
    } else if (outcome instanceof BatchOutcome.Retry retry) {
      Instant resumeAt = backoff.pause(now);
      LOG.warn(EngineEvent.BATCH_FAILED.marker(),
          "batch of partition={} offsets={}..{} failed: {}; redelivering from offset"
          + " {} at {}", partition, batch.firstOffset(), batch.lastOffset(), retry.cause(),
          batch.firstOffset(), resumeAt);
      buffer.clear();
      consumer.seek(partition, batch.firstOffset());
      phase = Phase.BACKING_OFF;
    } else if (outcome instanceof BatchOutcome.Fatal fatal) {
      throw new FatalPipelineException("fatal failure applying " + partition + " offsets "
          + batch.firstOffset() + ".." + batch.lastOffset() + ": " + fatal.cause(), fatal.cause());
    }
  }

  /**
   * The offset Kafka's copy should take now, if it moved since the last one: the last committed
   * batch's, or, while nothing is held, the consumer's position past offsets that carry no update.
   */
  Optional<CommittedOffset> takeKafkaCommit() {
    CommittedOffset due = pendingKafkaCommit != null ? pendingKafkaCommit : positionPastNothing();
    pendingKafkaCommit = null;
    if (due == null || due.nextOffset() == lastMirrored) {
      return Optional.empty();
    }
    lastMirrored = due.nextOffset();
    return Optional.of(due);
  }

  boolean hasKafkaCommitPending() {
    return pendingKafkaCommit != null;
  }

  /**
   * Transaction markers and records of aborted transactions never reach a read_committed
   * consumer, so no batch commits past them; without this the group's committed offset would stay
   * behind the log end forever. The database's offset stays where the last batch left it.
   */
  private CommittedOffset positionPastNothing() {
    if (phase != Phase.IDLE || basis == null || buffer.size() > 0 || backoff.failures() > 0) {
      return null;
    }
    try {
      return basis.pastRecordsThatNeverApply(consumer.position(partition, Duration.ZERO));
    } catch (TimeoutException e) {
      return null; // position not known this instant (being validated): try at the next commit
    }
  }

  /** Publishes what waits here, for readiness and the held-age gauge. */
  void refresh(Instant now) {
    oldestHeld = inFlight != null ? inFlight.heldSince() : buffer.oldestArrival().orElse(null);
    if (inFlight == null && buffer.size() == 0 && backoff.failures() == 0) {
      waitingSince = null;
      readiness.idle(partition);
      return;
    }
    waitingSince = waitingSince == null ? now : waitingSince;
    readiness.waiting(partition, new PartitionReadiness.Waiting(waitingSince,
        inFlight == null ? null : inFlight.dispatchedAt(), backoff.failures()));
  }

  /** How long the oldest record held here and not committed has waited; any thread. */
  Duration heldAge() {
    Instant since = oldestHeld;
    return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
  }

  /** Whether the partition is still this consumer's; any thread. */
  boolean isOwned() {
    return owned;
  }

  /** The partition is no longer this consumer's: a batch still running must not commit. */
  void giveUp() {
    owned = false;
    oldestHeld = null;
    readiness.forget(partition);
  }
}
