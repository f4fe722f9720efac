package dev.kup.pipeline.intake;

import dev.kup.pipeline.BatchProcessor;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.batch.PartitionBuffer;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.schemas.DecodedUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop: the only code that touches the {@link Consumer}, always from the thread running
 * {@link #run()}. It buffers records per partition, hands ready micro-batches to the {@link
 * BatchProcessor}, and commits offsets to Kafka after the processor's DB commit.
 *
 * <p>Where a partition resumes is decided by the database: on assignment the partition is paused
 * until its stored offset is read and sought to. A failed batch rewinds its partition to the
 * batch's first offset and pauses it with exponential backoff; other partitions go on.
 */
public final class PollLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);

  private final Consumer<byte[], DecodedUpdate> consumer;
  private final BatchProcessor processor;
  private final OffsetStore offsets;
  private final ErrorClassifier classifier;
  private final PipelineOptions options;
  private final Clock clock;
  private final Map<TopicPartition, PartitionBuffer> buffers = new HashMap<>();
  private final Map<TopicPartition, PartitionBackoff> backoffs = new HashMap<>();
  private final Set<TopicPartition> unpositioned = new HashSet<>();
  private final AtomicBoolean running = new AtomicBoolean(true);

  public PollLoop(Consumer<byte[], DecodedUpdate> consumer, BatchProcessor processor,
      OffsetStore offsets, ErrorClassifier classifier, PipelineOptions options, Clock clock) {
    this.consumer = consumer;
    this.processor = processor;
    this.offsets = offsets;
    this.classifier = classifier;
    this.options = options;
    this.clock = clock;
  }

  /**
   * Polls and processes until {@link #stop()}; then processes what is buffered once more, commits
   * and closes the consumer (leaving the group).
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
      drain();
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
      drain();
    } finally {
      consumer.close();
    }
  }

  /** Asks the loop to finish; safe from any thread. */
  public void stop() {
    running.set(false);
    consumer.wakeup();
  }

  private void pollOnce() {
    positionAssignedPartitions();
    ConsumerRecords<byte[], DecodedUpdate> records = consumer.poll(pollWait());
    Instant now = clock.instant();
    for (ConsumerRecord<byte[], DecodedUpdate> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      buffers.computeIfAbsent(tp, p -> new PartitionBuffer(p, options.batchLimits()))
          .add(record, now);
    }
    processReady(now, false);
    resumeDue(now);
  }

  private void processReady(Instant now, boolean everything) {
    for (Map.Entry<TopicPartition, PartitionBuffer> e : Map.copyOf(buffers).entrySet()) {
      PartitionBuffer buffer = e.getValue();
      while (buffers.get(e.getKey()) == buffer && (everything ? buffer.size() > 0 : buffer.isReady(now))) {
        if (!processBatch(buffer.take().orElseThrow(), buffer)) {
          break;
        }
      }
    }
  }

  /** Returns whether the batch committed. */
  private boolean processBatch(MicroBatch batch, PartitionBuffer buffer) {
    try {
      processor.process(batch, this::commitToKafka);
      backoff(batch.partition()).succeeded();
      return true;
    } catch (RuntimeException e) {
      Failure failure = classifier.classify(e);
      if (failure instanceof Failure.Fatal fatal) {
        throw new FatalPipelineException("fatal failure applying " + batch.partition()
            + ": " + fatal.cause().getMessage(), e);
      }
      retryLater(batch, buffer, e);
      return false;
    }
  }

  private void retryLater(MicroBatch batch, PartitionBuffer buffer, RuntimeException e) {
    TopicPartition tp = batch.partition();
    Instant resumeAt = backoff(tp).pause(clock.instant());
    LOG.warn("event.code=BATCH_FAILED partition={} offsets={}..{}: {}; retrying from offset {}"
        + " at {}", tp, batch.firstOffset(), batch.lastOffset(), e.toString(),
        batch.firstOffset(), resumeAt);
    buffer.clear();
    consumer.seek(tp, batch.firstOffset());
    consumer.pause(List.of(tp));
  }

  private void resumeDue(Instant now) {
    for (Map.Entry<TopicPartition, PartitionBackoff> e : backoffs.entrySet()) {
      if (e.getValue().isDue(now) && !unpositioned.contains(e.getKey())) {
        e.getValue().resumed();
        consumer.resume(List.of(e.getKey()));
      }
    }
  }

  private void commitToKafka(TopicPartition tp, long nextOffset) {
    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(nextOffset)));
  }

  /** Seeks newly assigned partitions to their stored offsets; retried while the DB is away. */
  private void positionAssignedPartitions() {
    if (unpositioned.isEmpty()) {
      return;
    }
    try {
      Map<TopicPartition, Long> stored = offsets.load(options.groupId(), Set.copyOf(unpositioned));
      stored.forEach(consumer::seek);
      consumer.resume(Set.copyOf(unpositioned));
      LOG.info("event.code=PARTITIONS_POSITIONED partitions={} storedOffsets={}",
          unpositioned, stored);
      unpositioned.clear();
    } catch (RuntimeException e) {
      if (classifier.classify(e) instanceof Failure.Fatal) {
        throw new FatalPipelineException("cannot read stored offsets: " + e.getMessage(), e);
      }
      LOG.warn("event.code=OFFSET_LOAD_FAILED partitions={}: {}", unpositioned, e.toString());
    }
  }

  private Duration pollWait() {
    Instant now = clock.instant();
    Optional<Instant> next = buffers.values().stream()
        .map(PartitionBuffer::lingerDeadline).flatMap(Optional::stream).min(Instant::compareTo);
    if (next.isEmpty()) {
      return MAX_POLL_WAIT;
    }
    Duration wait = Duration.between(now, next.get());
    return wait.isNegative() ? Duration.ZERO : (wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait);
  }

  private void drain() {
    try {
      processReady(clock.instant(), true);
    } catch (RuntimeException e) {
      LOG.warn("event.code=SHUTDOWN_DRAIN_FAILED: {}; uncommitted records will be re-read", e.toString());
    }
  }

  private PartitionBackoff backoff(TopicPartition tp) {
    return backoffs.computeIfAbsent(tp,
        p -> new PartitionBackoff(options.retryBackoffInitial(), options.retryBackoffMax()));
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      buffers.remove(tp);
      backoffs.remove(tp);
      unpositioned.remove(tp);
    }
  }

  /** Runs inside {@code poll()}, on the poll thread; no batch is in flight then. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      LOG.info("event.code=PARTITIONS_REVOKED partitions={}", partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOG.warn("event.code=PARTITIONS_LOST partitions={}", partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      LOG.info("event.code=PARTITIONS_ASSIGNED partitions={}", partitions);
      forget(partitions);
      unpositioned.addAll(partitions);
      consumer.pause(partitions);
      positionAssignedPartitions();
    }
  }
}
