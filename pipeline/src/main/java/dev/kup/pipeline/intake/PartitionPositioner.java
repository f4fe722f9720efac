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
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * the consumer's {@code auto.offset.reset} puts it. Runs on the poll thread only.
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

  PartitionPositioner(Consumer<?, ?> consumer, OffsetStore offsets, ErrorClassifier classifier,
      String groupId, OffsetOutOfRangePolicy policy, PipelineMetrics metrics) {
    this.consumer = consumer;
    this.offsets = offsets;
    this.classifier = classifier;
    this.groupId = groupId;
    this.policy = policy;
    this.metrics = metrics;
  }

  /**
   * Positions those of the partitions that wait for it; while the database or the broker does not
   * answer they go on waiting, to be tried again at the next call.
   *
   * @throws FatalPipelineException when the stored offsets cannot be read for good
   */
  void positionPending(Collection<AssignedPartition> partitions) {
    List<AssignedPartition> todo =
        partitions.stream().filter(AssignedPartition::needsPositioning).toList();
    if (todo.isEmpty()) {
      return;
    }
    try {
      position(todo);
    } catch (RuntimeException e) {
      if (classifier.classify(e) instanceof Failure.Fatal) {
        throw new FatalPipelineException("cannot read stored offsets: " + e.getMessage(), e);
      }
      LOG.warn("event.code=OFFSET_LOAD_FAILED partitions={}: {}",
          todo.stream().map(AssignedPartition::partition).toList(), e.toString());
    }
  }

  /**
   * Positions the partitions (or refuses them), except one whose stored offset another consumer
   * moved meanwhile: it stays to be positioned.
   *
   * @throws RuntimeException when the database or the broker does not answer; the partitions
   *     still to be positioned are tried again
   */
  private void position(List<AssignedPartition> assigned) {
    List<TopicPartition> partitions = assigned.stream().map(AssignedPartition::partition).toList();
    Map<TopicPartition, CommittedOffset> stored = offsets.committed(groupId, partitions);
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
    LOG.info("event.code=PARTITIONS_POSITIONED partitions={} storedOffsets={}", partitions,
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
        LOG.warn("event.code=BATCH_FENCED {}; repositioning from the stored offset", e.getMessage());
        return;
      }
      logOutOfRange(tp, at, logStart, logEnd, jump.reason() + "; " + jump.skipped() + " offsets skipped");
      metrics.offsetResetSkipped(tp, jump.skipped());
      partition.positionedAt(moved);
    }
  }

  private void logOutOfRange(TopicPartition tp, long stored, long logStart, long logEnd,
      String what) {
    LOG.error("event.code=STORED_OFFSET_OUT_OF_RANGE partition={} storedOffset={} logStart={}"
        + " logEnd={} policy={}: {}", tp, stored, logStart, logEnd, policy, what);
  }
}
