package dev.kup.pipeline.intake;

import dev.kup.pipeline.commit.BatchOutcome;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import dev.kup.pipeline.log.EngineEvent;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: the only code that touches the {@link Consumer}, always from the thread running
 * {@link #run()}. It only orchestrates: each {@link AssignedPartition} buffers, dispatches to the
 * {@link BatchWorkers} and reacts to its batches' outcomes; the {@link PartitionPositioner} puts
 * assigned partitions where the database says; the {@link FetchGovernor} pauses and resumes
 * fetching; the {@link KafkaOffsetMirror} commits to Kafka what the database committed. While the
 * infrastructure breaker is not closed nothing is dispatched, but the loop keeps polling so the
 * consumer stays in its group, and probes the database until it answers.
 */
public final class PollLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final BatchWorkers workers;
  private final InfrastructureBreaker breaker;
  private final PipelineOptions options;
  private final Clock clock;
  private final PartitionAssignments partitions;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final WorkerWakeups<byte[], byte[]> wakeups;
  private final PartitionReadiness readiness = new PartitionReadiness();
  private final PartitionPositioner positioner;
  private final KafkaOffsetMirror kafkaOffsets;
  private final FetchGovernor fetch;
  private Future<?> probe;

  public PollLoop(Consumer<byte[], byte[]> consumer, BatchWorkers workers,
      OffsetStore offsets, ErrorClassifier classifier, InfrastructureBreaker breaker,
      PipelineOptions options, PipelineMetrics metrics, Clock clock) {
    this.consumer = consumer;
    this.wakeups = new WorkerWakeups<>(consumer);
    this.workers = workers;
    this.breaker = breaker;
    this.options = options;
    this.clock = clock;
    this.positioner = new PartitionPositioner(consumer, offsets, classifier, options.groupId(),
        options.offsetOutOfRange(), metrics, workers.databaseReads());
    this.kafkaOffsets = new KafkaOffsetMirror(consumer, wakeups, metrics, clock);
    this.fetch = new FetchGovernor(consumer, breaker, options.batchLimits().maxInFlightBytes());
    this.partitions = new PartitionAssignments(consumer, wakeups, kafkaOffsets, readiness,
        options, metrics, clock, this::takeOutcomes, positioner);
  }

  /**
   * Polls and dispatches until {@link #stop()}; then stops fetching, lets in-flight batches
   * finish (bounded by the shutdown timeout), commits their offsets and leaves the group.
   *
   * @throws FatalPipelineException when a failure is classified fatal
   */
  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(options.topic()), partitions);
      while (running.get()) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      shutDown();
    }
  }

  /** Asks the loop to finish; safe from any thread. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }

  /** Partitions currently paused for any reason, for health and metrics. Thread-safe. */
  public int pausedPartitions() {
    return fetch.pausedPartitions();
  }

  /** Which partitions cannot make progress and why; thread-safe. */
  public PartitionReadiness partitionReadiness() {
    return readiness;
  }

  /** Whether the consumer has joined its group (received an assignment, possibly empty). */
  public boolean joinedGroup() {
    return partitions.joinedGroup();
  }

  private void pollOnce() {
    takeOutcomes();
    positioner.positionPending(partitions.all());
    kafkaOffsets.commitAsyncIfDue(partitions.all());
    probeIfDue();
    fetch.reconcile(partitions.all(), clock.instant());
    Instant now = clock.instant();
    try {
      for (ConsumerRecord<byte[], byte[]> record : wakeups.poll(pollWait(now))) {
        AssignedPartition partition =
            partitions.get(new TopicPartition(record.topic(), record.partition()));
        if (partition != null) {
          partition.accept(record, now);
        }
      }
    } catch (InvalidOffsetException e) {
      partitions.positionLost(e);
    }
    Instant later = clock.instant();
    if (breaker.isClosed()) {
      partitions.all().forEach(
          p -> p.dispatchIfReady(later, claim -> workers.submit(claim, wakeups::batchFinished)));
    }
    partitions.all().forEach(p -> p.refresh(later));
  }

  /** Hands the workers' outcomes to their partitions. */
  private void takeOutcomes() {
    BatchOutcome outcome;
    while ((outcome = workers.nextFinished()) != null) {
      AssignedPartition partition = partitions.get(outcome.batch().partition());
      if (partition != null) {
        partition.completed(outcome, clock.instant());
      }
    }
  }

  private Duration pollWait(Instant now) {
    if (workers.anyFinished()) {
      return Duration.ZERO;
    }
    Optional<Instant> next = Stream.concat(
            partitions.all().stream().map(AssignedPartition::lingerDeadline),
            Stream.of(kafkaOffsets.untilNextCommit(partitions.all()).map(now::plus)))
        .flatMap(Optional::stream).min(Instant::compareTo);
    Duration wait = next.map(n -> Duration.between(now, n)).orElse(MAX_POLL_WAIT);
    return wait.isNegative() ? Duration.ZERO
        : (wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait);
  }

  private void probeIfDue() {
    if ((probe == null || probe.isDone()) && breaker.probeDue()) {
      probe = workers.probe();
    }
  }

  private void shutDown() {
    try {
      consumer.pause(consumer.assignment());
      partitions.finishAll(options.shutdownTimeout());
    } catch (RuntimeException e) {
      LOG.warn(EngineEvent.SHUTDOWN_INCOMPLETE.marker(),
          "the stop was incomplete: {}; uncommitted records will be re-read",
          e.toString());
    } finally {
      partitions.forgetAll();
      workers.shutdown(Duration.ofSeconds(5));
      consumer.close();
    }
  }
}
