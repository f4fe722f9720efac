package dev.kup.pipeline.intake;

import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.commit.PartitionRevokedException;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: the only code that touches the {@link Consumer}, always from the thread running
 * {@link #run()}. It buffers records per partition, hands ready micro-batches to the {@link
 * BatchWorkers} (one in flight per partition, so a row's updates stay in order), and commits
 * offsets to Kafka only for batches whose DB transaction committed.
 *
 * <p>Where a partition resumes is decided by the database: on assignment the partition is paused
 * until its stored offset is read and sought to. A batch that failed rewinds its partition to the
 * batch's first offset and pauses it with exponential backoff; other partitions go on. While the
 * infrastructure breaker is not closed every partition is paused, but the loop keeps polling so
 * the consumer stays in its group, and probes the database until it answers.
 */
public final class PollLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final BatchWorkers workers;
  private final OffsetStore offsets;
  private final ErrorClassifier classifier;
  private final InfrastructureBreaker breaker;
  private final PipelineOptions options;
  private final PipelineMetrics metrics;
  private final Clock clock;
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  /** Per partition, when the oldest record held and not committed arrived; read by metrics. */
  private final Map<TopicPartition, Instant> oldestHeld = new ConcurrentHashMap<>();
  private volatile boolean joined;
  /** Partitions this consumer owns; read by workers just before they commit. */
  private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<BatchCompletion> completions = new ConcurrentLinkedQueue<>();
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
    this.offsets = offsets;
    this.classifier = classifier;
    this.breaker = breaker;
    this.options = options;
    this.metrics = metrics;
    this.clock = clock;
    this.positioner = new PartitionPositioner(consumer, offsets, options.groupId(),
        options.offsetOutOfRange(), metrics, readiness);
    this.kafkaOffsets = new KafkaOffsetMirror(consumer, wakeups, metrics, System::nanoTime);
    this.fetch = new FetchGovernor(consumer, breaker, options.batchLimits().maxInFlightBytes());
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
      consumer.subscribe(List.of(options.topic()), new Rebalance());
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
    return joined;
  }

  private void pollOnce() {
    handleCompletions();
    positionAssignedPartitions();
    probeIfDue();
    fetch.reconcile(partitions.values(), clock.instant());
    Instant now = clock.instant();
    try {
      for (ConsumerRecord<byte[], byte[]> record : wakeups.poll(pollWait(now))) {
        PartitionState state = partitions.get(new TopicPartition(record.topic(), record.partition()));
        if (state != null && state.accepting()) {
          state.buffer.add(record, now);
        }
      }
    } catch (InvalidOffsetException e) {
      positionAgain(e);
    }
    dispatchReady(clock.instant());
    trackOldestHeld(clock.instant());
  }

  /**
   * The consumer never resets a position by itself ({@code auto.offset.reset=none}): a partition
   * whose position left the log while it waited (retention, a recreated topic) is positioned
   * again from the database, where {@link PartitionPositioner} applies the out-of-range policy.
   * A partition kup never committed for starts at the log start, as a new group does.
   */
  private void positionAgain(InvalidOffsetException e) {
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition tp : e.partitions()) {
      PartitionState state = partitions.get(tp);
      if (state == null || state.inFlight != null) {
        continue;
      }
      if (state.basisOffset == null) {
        fromStart.add(tp);
      } else {
        state.positioned = false;
      }
    }
    LOG.warn("event.code=FETCH_POSITION_INVALID partitions={} newPartitionsFromLogStart={}: {}",
        e.partitions(), fromStart, e.getMessage());
    consumer.seekToBeginning(fromStart);
  }

  /** Called on the worker that finished the batch. */
  private void batchFinished(BatchCompletion done) {
    completions.add(done);
    wakeups.batchFinished();
  }

  private void trackOldestHeld(Instant now) {
    for (PartitionState state : partitions.values()) {
      state.waiting(now).ifPresentOrElse(
          w -> readiness.waiting(state.partition, w), () -> readiness.idle(state.partition));
      Optional<Instant> since = state.oldestHeldSince();
      if (since.isPresent()) {
        oldestHeld.put(state.partition, since.get());
      } else {
        oldestHeld.remove(state.partition);
      }
    }
  }

  private Duration heldAge(TopicPartition tp) {
    Instant since = oldestHeld.get(tp);
    return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
  }

  private void dispatchReady(Instant now) {
    if (!breaker.isClosed()) {
      return;
    }
    for (PartitionState state : partitions.values()) {
      if (state.canDispatch(now)) {
        state.inFlightSince = state.buffer.oldestArrival().orElseThrow();
        var batch = state.buffer.take().orElseThrow();
        TopicPartition tp = state.partition;
        state.inFlight = batch;
        state.dispatchedAt = now;
        state.inFlightTask = workers.submit(
            new BatchClaim(batch, state.basisOffset, () -> owned.contains(tp)), this::batchFinished);
      }
    }
  }

  /** Applies what workers finished: advance and queue Kafka commits, or rewind and back off. */
  private void handleCompletions() {
    BatchCompletion done;
    while ((done = completions.poll()) != null) {
      PartitionState state = partitions.get(done.batch().partition());
      if (state == null || state.inFlight != done.batch()) {
        continue; // revoked meanwhile: the partition is someone else's now
      }
      state.inFlight = null;
      state.inFlightTask = null;
      if (done.committed()) {
        state.basisOffset = done.batch().nextOffset();
        state.backoff.succeeded();
        state.committed();
        kafkaOffsets.accept(state.partition, done.batch().nextOffset());
      } else {
        failed(state, done);
      }
    }
    commitToKafkaAsync();
  }

  private void failed(PartitionState state, BatchCompletion done) {
    Throwable error = done.error();
    if (error instanceof OffsetFencedException) {
      LOG.warn("event.code=BATCH_FENCED {}; repositioning from the stored offset", error.getMessage());
      state.positioned = false;
      state.buffer.clear();
      return;
    }
    if (error instanceof PartitionRevokedException) {
      return;
    }
    if (error instanceof Error) { // out of memory, stack overflow: nothing here can be trusted
      throw new FatalPipelineException("worker failed with " + error + " applying "
          + state.partition + " offsets " + done.batch().firstOffset() + ".."
          + done.batch().lastOffset(), error);
    }
    if (classifier.classify(error) instanceof Failure.Fatal fatal) {
      throw new FatalPipelineException("fatal failure applying " + state.partition + ": "
          + fatal.cause().getMessage(), error);
    }
    Instant resumeAt = state.backoff.pause(clock.instant());
    LOG.warn("event.code=BATCH_FAILED partition={} offsets={}..{}: {}; redelivering from offset"
        + " {} at {}", state.partition, done.batch().firstOffset(), done.batch().lastOffset(),
        error.toString(), done.batch().firstOffset(), resumeAt);
    state.buffer.clear();
    consumer.seek(state.partition, done.batch().firstOffset());
  }

  private void commitToKafkaAsync() {
    if (kafkaOffsets.intervalElapsed()) {
      queuePositionsPastControlRecords();
      kafkaOffsets.commitAsyncIfDue();
    }
  }

  /**
   * Queues a Kafka commit of the position of each partition that holds nothing but whose position
   * passed offsets that carry no update: transaction markers and records of aborted transactions,
   * which a read_committed consumer never returns. No batch ever commits past them, so without
   * this the group's committed offset would stay behind the log end forever. The database's
   * offset stays where the last batch left it: reading on from there finds nothing to apply.
   */
  private void queuePositionsPastControlRecords() {
    for (PartitionState state : partitions.values()) {
      if (!state.accepting() || state.basisOffset == null || state.inFlight != null
          || state.buffer.size() > 0 || state.backoff.failures() > 0) {
        continue;
      }
      try {
        long position = consumer.position(state.partition, Duration.ZERO);
        if (position > state.basisOffset && position != state.kafkaPosition) {
          state.kafkaPosition = position;
          kafkaOffsets.accept(state.partition, position);
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        // position not known this instant (being validated): try at the next commit
      }
    }
  }

  /**
   * Seeks newly assigned partitions to their stored offsets (see {@link PartitionPositioner});
   * retried while the database or the broker is away.
   */
  private void positionAssignedPartitions() {
    List<PartitionState> todo = partitions.values().stream()
        .filter(s -> !s.positioned && s.inFlight == null).toList();
    if (todo.isEmpty()) {
      return;
    }
    try {
      positioner.position(todo).forEach(kafkaOffsets::accept);
      commitToKafkaAsync();
    } catch (RuntimeException e) {
      if (classifier.classify(e) instanceof Failure.Fatal) {
        throw new FatalPipelineException("cannot read stored offsets: " + e.getMessage(), e);
      }
      LOG.warn("event.code=OFFSET_LOAD_FAILED partitions={}: {}",
          todo.stream().map(s -> s.partition).toList(), e.toString());
    }
  }

  private void probeIfDue() {
    if ((probe == null || probe.isDone()) && breaker.probeDue()) {
      probe = workers.probe();
    }
  }

  private Duration pollWait(Instant now) {
    Optional<Instant> next = partitions.values().stream()
        .filter(s -> s.inFlight == null)
        .map(s -> s.buffer.lingerDeadline()).flatMap(Optional::stream).min(Instant::compareTo);
    if (!completions.isEmpty()) {
      return Duration.ZERO;
    }
    Optional<Instant> commitAt = kafkaOffsets.untilNextCommit().map(now::plus);
    if (commitAt.isPresent()) { // wake up when the next Kafka commit may go
      next = next.filter(n -> n.isBefore(commitAt.get())).or(() -> commitAt);
    }
    if (next.isEmpty()) {
      return MAX_POLL_WAIT;
    }
    Duration wait = Duration.between(now, next.get());
    return wait.isNegative() ? Duration.ZERO : (wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait);
  }

  /**
   * Waits (bounded) for the in-flight batches of these partitions and applies their completions,
   * so what committed in the database is committed to Kafka before the partitions are given up.
   */
  private void finishInFlight(Collection<TopicPartition> revoked, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (TopicPartition tp : revoked) {
      PartitionState state = partitions.get(tp);
      if (state == null || state.inFlightTask == null) {
        continue;
      }
      try {
        state.inFlightTask.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        LOG.warn("event.code=IN_FLIGHT_ABANDONED partition={}: its batch did not finish in {};"
            + " it will roll back", tp, timeout);
      } catch (ExecutionException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    handleCompletions();
    kafkaOffsets.commitSync(revoked);
  }

  private void shutDown() {
    try {
      consumer.pause(consumer.assignment());
      finishInFlight(List.copyOf(partitions.keySet()), options.shutdownTimeout());
    } catch (RuntimeException e) {
      LOG.warn("event.code=SHUTDOWN_INCOMPLETE {}; uncommitted records will be re-read", e.toString());
    } finally {
      owned.clear();
      workers.shutdown(Duration.ofSeconds(5));
      consumer.close();
    }
  }

  private void forget(Collection<TopicPartition> gone) {
    owned.removeAll(gone);
    gone.forEach(oldestHeld::remove);
    gone.forEach(readiness::forget);
    gone.forEach(metrics::untrackPartition);
    gone.forEach(partitions::remove);
    kafkaOffsets.forget(gone);
  }

  /** Runs inside {@code poll()}, on the poll thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      wakeups.holdDuringRebalance();
      LOG.info("event.code=PARTITIONS_REVOKED partitions={}", revoked);
      metrics.rebalance("revoked");
      finishInFlight(revoked, options.shutdownTimeout());
      forget(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      LOG.warn("event.code=PARTITIONS_LOST partitions={}: in-flight batches will roll back", lost);
      metrics.rebalance("lost");
      forget(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      LOG.info("event.code=PARTITIONS_ASSIGNED partitions={}", assigned);
      joined = true;
      metrics.rebalance("assigned");
      for (TopicPartition tp : assigned) {
        partitions.put(tp, new PartitionState(tp, options.batchLimits(), options.retry()));
        owned.add(tp);
        metrics.trackPartition(tp, () -> heldAge(tp));
      }
      consumer.pause(assigned);
      positionAssignedPartitions();
    }
  }
}
