package dev.kup.pipeline.intake;

import dev.kup.pipeline.commit.CommittedOffset;
import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.intake.StoredOffsetCheck.AtStored;
import dev.kup.pipeline.intake.StoredOffsetCheck.Jump;
import dev.kup.pipeline.intake.StoredOffsetCheck.Refuse;
import dev.kup.pipeline.log.EngineEvent;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeks newly assigned partitions to the offsets stored in the database, after checking each
 * against its log's range: a stored offset the log no longer holds (below its start: retention
 * deleted records never applied; beyond its end: the topic was recreated) is never reset
 * silently, but refused or resumed elsewhere as the {@link OffsetOutOfRangePolicy} says, with an
 * ERROR line and the passed-over offsets counted. A partition with no stored offset starts where
 * the consumer's {@code auto.offset.reset} puts it. Used on the poll thread only; the database
 * reads run on the {@code reader}. A deliberate jump of a stored offset (rare: only under a policy
 * other than refuse) is written from the poll thread.
 */
final class PartitionPositioner {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionPositioner.class);
  /** Bound on looking up the logs' ranges; a broker that does not answer is retried later. */
  private static final Duration LOG_RANGE_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<?, ?> consumer;
  private final OffsetStore offsets;
  private final ErrorClassifier classifier;
  private final String groupId;
  private final OffsetOutOfRangePolicy policy;
  private final PipelineMetrics metrics;
  private final Executor reader;
  private CompletableFuture<Map<TopicPartition, CommittedOffset>> reading;
  private List<AssignedPartition> readingFor = List.of();

  /** @param reader runs the reads of stored offsets, off the poll thread */
  PartitionPositioner(Consumer<?, ?> consumer, OffsetStore offsets, ErrorClassifier classifier,
      String groupId, OffsetOutOfRangePolicy policy, PipelineMetrics metrics, Executor reader) {
    this.consumer = consumer;
    this.reader = reader;
    this.offsets = offsets;
    this.classifier = classifier;
    this.groupId = groupId;
    this.policy = policy;
    this.metrics = metrics;
  }

  /**
   * Positions those of the partitions that wait for it. Their stored offsets are read off the poll
   * thread, so a slow or absent database never holds up polling; this call starts the read, and
   * positions them once it has finished (at once when it already has). While the database or the
   * broker does not answer, they go on waiting, to be tried again at the next call.
   *
   * @throws FatalPipelineException when the stored offsets cannot be read for good
   */
  void positionPending(Collection<AssignedPartition> partitions) {
    if (reading == null) {
      List<AssignedPartition> todo =
          partitions.stream().filter(AssignedPartition::needsPositioning).toList();
      if (todo.isEmpty()) {
        return;
      }
      List<TopicPartition> tps = todo.stream().map(AssignedPartition::partition).toList();
      readingFor = todo;
      reading = CompletableFuture.supplyAsync(() -> offsets.committed(groupId, tps), reader);
    }
    if (!reading.isDone()) {
      return;
    }
    CompletableFuture<Map<TopicPartition, CommittedOffset>> read = reading;
    reading = null;
    // a partition given up, or fenced and sent back, while its offset was read waits for another
    List<AssignedPartition> still = readingFor.stream()
        .filter(p -> p.needsPositioning() && p.isOwned()).toList();
    try {
      position(still, read.join());
    } catch (RuntimeException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (classifier.classify(cause) instanceof Failure.Fatal) {
        throw new FatalPipelineException(
            "cannot read stored offsets: " + cause.getMessage(), cause);
      }
      LOG.warn(EngineEvent.OFFSET_LOAD_FAILED.marker(),
          "reading the stored offsets of partitions={} failed: {}",
          still.stream().map(AssignedPartition::partition).toList(), cause.toString());
    }
  }

  /**
   * Positions the partitions (or refuses them), except one whose stored offset another consumer
   * moved meanwhile: it stays to be positioned.
   *
   * @throws RuntimeException when the broker does not answer; the partitions are tried again
   */
  private void position(List<AssignedPartition> assigned,
      Map<TopicPartition, CommittedOffset> stored) {
    if (assigned.isEmpty()) {
      return;
    }
    List<TopicPartition> partitions = assigned.stream().map(AssignedPartition::partition).toList();
    Map<TopicPartition, Long> start = Map.of();
    Map<TopicPartition, Long> end = Map.of();
    if (!stored.isEmpty()) {
      start = consumer.beginningOffsets(stored.keySet(), LOG_RANGE_TIMEOUT);
      end = consumer.endOffsets(stored.keySet(), LOG_RANGE_TIMEOUT);
    }
    for (AssignedPartition partition : assigned) {
      TopicPartition tp = partition.partition();
      if (stored.get(tp) == null) {
        partition.positionedAtLogStart();
      } else {
        resume(partition, stored.get(tp), start.get(tp), end.get(tp));
      }
    }
    LOG.info(EngineEvent.PARTITIONS_POSITIONED.marker(),
        "partitions positioned: {} storedOffsets={}", partitions,
        stored.values());
  }

  private void resume(AssignedPartition partition, CommittedOffset stored, long logStart,
      long logEnd) {
    TopicPartition tp = partition.partition();
    long at = stored.nextOffset();
    StoredOffsetCheck.Resumption decided = StoredOffsetCheck.decide(at, logStart, logEnd, policy);
    if (decided instanceof AtStored) {
      partition.positionedAt(stored);
    } else if (decided instanceof Refuse refuse) {
      logOutOfRange(tp, at, logStart, logEnd, refuse.reason());
      partition.refused(refuse.reason());
    } else if (decided instanceof Jump jump) {
      CommittedOffset moved;
      try {
        moved = offsets.jump(groupId, tp, at, jump.to());
      } catch (OffsetFencedException e) {
        LOG.warn(EngineEvent.BATCH_FENCED.marker(), "{}; repositioning from the stored offset",
            e.getMessage());
        return;
      }
      logOutOfRange(tp, at, logStart, logEnd,
          jump.reason() + "; " + jump.skipped() + " offsets skipped");
      metrics.offsetResetSkipped(tp, jump.skipped());
      partition.positionedAt(moved);
    }
  }

  private void logOutOfRange(TopicPartition tp, long stored, long logStart, long logEnd,
      String what) {
    LOG.error(EngineEvent.STORED_OFFSET_OUT_OF_RANGE.marker(),
        "stored offset out of range: partition={} storedOffset={} logStart={}"
        + " logEnd={} policy={}: {}", tp, stored, logStart, logEnd, policy, what);
  }
}
