package dev.kup.pipeline.intake;

import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.OffsetStore;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.intake.StoredOffsetCheck.AtStored;
import dev.kup.pipeline.intake.StoredOffsetCheck.Jump;
import dev.kup.pipeline.intake.StoredOffsetCheck.Refuse;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.HashMap;
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
  private final String groupId;
  private final OffsetOutOfRangePolicy policy;
  private final PipelineMetrics metrics;
  private final PartitionReadiness readiness;

  PartitionPositioner(Consumer<?, ?> consumer, OffsetStore offsets, String groupId,
      OffsetOutOfRangePolicy policy, PipelineMetrics metrics, PartitionReadiness readiness) {
    this.consumer = consumer;
    this.offsets = offsets;
    this.groupId = groupId;
    this.policy = policy;
    this.metrics = metrics;
    this.readiness = readiness;
  }

  /**
   * Positions the partitions (or refuses them) and marks them positioned, except one whose stored
   * offset another consumer moved meanwhile.
   *
   * @return the stored offsets to commit to Kafka too (it may lag behind the database)
   * @throws RuntimeException when the database or the broker does not answer; the partitions not
   *     marked positioned are to be tried again
   */
  Map<TopicPartition, Long> position(List<PartitionState> states) {
    List<TopicPartition> partitions = states.stream().map(s -> s.partition).toList();
    Map<TopicPartition, Long> stored = offsets.load(groupId, partitions);
    Map<TopicPartition, Long> start = Map.of();
    Map<TopicPartition, Long> end = Map.of();
    if (!stored.isEmpty()) {
      start = consumer.beginningOffsets(stored.keySet(), LOG_RANGE_TIMEOUT);
      end = consumer.endOffsets(stored.keySet(), LOG_RANGE_TIMEOUT);
    }
    Map<TopicPartition, Long> due = new HashMap<>();
    for (PartitionState state : states) {
      TopicPartition tp = state.partition;
      state.buffer.clear();
      state.basisOffset = null;
      state.positioned = stored.get(tp) == null
          || resume(state, stored.get(tp), start.get(tp), end.get(tp), due);
    }
    LOG.info("event.code=PARTITIONS_POSITIONED partitions={} storedOffsets={}", partitions, stored);
    return due;
  }

  /** @return whether the partition is positioned (or refused) */
  private boolean resume(PartitionState state, long stored, long logStart, long logEnd,
      Map<TopicPartition, Long> due) {
    TopicPartition tp = state.partition;
    StoredOffsetCheck.Resumption decided = StoredOffsetCheck.decide(stored, logStart, logEnd, policy);
    if (decided instanceof AtStored at) {
      seek(state, at.offset(), due);
    } else if (decided instanceof Refuse refuse) {
      logOutOfRange(tp, stored, logStart, logEnd, refuse.reason());
      state.refusal = refuse.reason();
      readiness.refuse(tp, refuse.reason());
    } else if (decided instanceof Jump jump) {
      try {
        offsets.moveTo(groupId, tp, stored, jump.to());
      } catch (OffsetFencedException e) {
        LOG.warn("event.code=BATCH_FENCED {}; repositioning from the stored offset", e.getMessage());
        return false;
      }
      logOutOfRange(tp, stored, logStart, logEnd,
          jump.reason() + "; " + jump.skipped() + " offsets skipped");
      metrics.offsetResetSkipped(tp, jump.skipped());
      seek(state, jump.to(), due);
    }
    return true;
  }

  private void seek(PartitionState state, long offset, Map<TopicPartition, Long> due) {
    state.basisOffset = offset;
    consumer.seek(state.partition, offset);
    // a process that died between its DB commit and its Kafka commit left Kafka behind: catch it
    // up, or a partition with nothing left to process would show lag forever
    due.put(state.partition, offset);
  }

  private void logOutOfRange(TopicPartition tp, long stored, long logStart, long logEnd,
      String what) {
    LOG.error("event.code=STORED_OFFSET_OUT_OF_RANGE partition={} storedOffset={} logStart={}"
        + " logEnd={} policy={}: {}", tp, stored, logStart, logEnd, policy, what);
  }
}
