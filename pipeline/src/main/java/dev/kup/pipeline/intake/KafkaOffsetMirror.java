package dev.kup.pipeline.intake;

import dev.kup.pipeline.commit.CommittedOffset;
import dev.kup.pipeline.log.EngineEvent;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's copy of the committed offsets. The offsets that decide where a partition resumes are
 * the database's; Kafka's are for lag tooling and the autoscaler, so they are committed
 * asynchronously and at most every {@link #INTERVAL}, and synchronously only before partitions
 * are given up. It takes only {@link CommittedOffset}s, which the database committed first. Used
 * on the poll thread only.
 */
final class KafkaOffsetMirror {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetMirror.class);
  /** A broker request per batch would cost the broker CPU next to the database in a drain. */
  static final Duration INTERVAL = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final WorkerWakeups<byte[], byte[]> wakeups;
  private final PipelineMetrics metrics;
  private final Clock clock;
  private Instant lastCommit = Instant.MIN;

  KafkaOffsetMirror(Consumer<byte[], byte[]> consumer, WorkerWakeups<byte[], byte[]> wakeups,
      PipelineMetrics metrics, Clock clock) {
    this.consumer = consumer;
    this.wakeups = wakeups;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** How long until the next asynchronous commit may go, when one of the partitions has one due. */
  Optional<Duration> untilNextCommit(Collection<AssignedPartition> partitions) {
    if (partitions.stream().noneMatch(AssignedPartition::hasKafkaCommitPending)) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant(), nextCommitAt());
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  /** When the interval since the last commit has elapsed, commits what moved, asynchronously. */
  void commitAsyncIfDue(Collection<AssignedPartition> partitions) {
    Instant start = clock.instant();
    if (start.isBefore(nextCommitAt())) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = due(partitions);
    if (offsets.isEmpty()) {
      return;
    }
    lastCommit = start;
    consumer.commitAsync(offsets, (committed, e) -> {
      metrics.kafkaCommit(Duration.between(start, clock.instant()));
      if (e != null) {
        LOG.warn(EngineEvent.KAFKA_COMMIT_FAILED.marker(), "committing offsets={} to Kafka"
            + " failed: {}; the database holds the committed offsets and a later commit"
            + " supersedes this one", offsets, e.toString());
      }
    });
  }

  /** Commits synchronously what moved for partitions about to be given up. */
  void commitSync(Collection<AssignedPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = due(partitions);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      Instant start = clock.instant();
      wakeups.commitSync(offsets);
      metrics.kafkaCommit(Duration.between(start, clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn(EngineEvent.KAFKA_COMMIT_FAILED.marker(), "committing offsets={} to Kafka"
          + " failed: {}; the database holds the committed offsets", offsets, e.toString());
    }
  }

  private Instant nextCommitAt() {
    return lastCommit == Instant.MIN ? Instant.MIN : lastCommit.plus(INTERVAL);
  }

  private static Map<TopicPartition, OffsetAndMetadata> due(
      Collection<AssignedPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (AssignedPartition partition : partitions) {
      partition.takeKafkaCommit().ifPresent(
          o -> offsets.put(o.partition(), new OffsetAndMetadata(o.nextOffset())));
    }
    return offsets;
  }
}
