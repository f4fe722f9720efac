package dev.kup.pipeline.intake;

import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's copy of the committed offsets. The offsets that decide where a partition resumes are
 * the database's; Kafka's are for lag tooling and the autoscaler, so they are committed
 * asynchronously and at most every {@link #INTERVAL}, and synchronously only before partitions
 * are given up. Offsets reach it only after the database committed them. Used on the poll
 * thread only.
 */
final class KafkaOffsetMirror {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetMirror.class);
  /** A broker request per batch would cost the broker CPU next to the database in a drain. */
  static final Duration INTERVAL = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final WorkerWakeups<byte[], byte[]> wakeups;
  private final PipelineMetrics metrics;
  private final LongSupplier nanoTime;
  private final Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
  private long lastCommitNanos;

  KafkaOffsetMirror(Consumer<byte[], byte[]> consumer, WorkerWakeups<byte[], byte[]> wakeups,
      PipelineMetrics metrics, LongSupplier nanoTime) {
    this.consumer = consumer;
    this.wakeups = wakeups;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
    this.lastCommitNanos = nanoTime.getAsLong() - INTERVAL.toNanos();
  }

  /** Queues {@code nextOffset} of {@code partition} for the next commit. */
  void accept(TopicPartition partition, long nextOffset) {
    due.put(partition, new OffsetAndMetadata(nextOffset));
  }

  /** Whether an asynchronous commit may go now. */
  boolean intervalElapsed() {
    return nanoTime.getAsLong() - lastCommitNanos >= INTERVAL.toNanos();
  }

  /** How long until the next asynchronous commit may go, when one is due. */
  Optional<Duration> untilNextCommit() {
    if (due.isEmpty()) {
      return Optional.empty();
    }
    long wait = lastCommitNanos + INTERVAL.toNanos() - nanoTime.getAsLong();
    return Optional.of(Duration.ofNanos(Math.max(0, wait)));
  }

  /** Commits what is due, asynchronously, when the interval has elapsed. */
  void commitAsyncIfDue() {
    long start = nanoTime.getAsLong();
    if (!intervalElapsed() || due.isEmpty()) {
      return;
    }
    lastCommitNanos = start;
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(due);
    due.clear();
    consumer.commitAsync(offsets, (committed, e) -> {
      metrics.kafkaCommit(Duration.ofNanos(nanoTime.getAsLong() - start));
      if (e != null) {
        LOG.warn("event.code=KAFKA_COMMIT_FAILED offsets={}: {}; the database holds the committed"
            + " offsets and a later commit supersedes this one", offsets, e.toString());
      }
    });
  }

  /** Commits synchronously what is due for {@code partitions}, before they are given up. */
  void commitSync(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata offset = due.remove(tp);
      if (offset != null) {
        offsets.put(tp, offset);
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      long start = nanoTime.getAsLong();
      wakeups.commitSync(offsets);
      metrics.kafkaCommit(Duration.ofNanos(nanoTime.getAsLong() - start));
    } catch (RuntimeException e) {
      LOG.warn("event.code=KAFKA_COMMIT_FAILED offsets={}: {}; the database holds the committed"
          + " offsets", offsets, e.toString());
    }
  }

  /** Drops what was due for partitions this consumer no longer owns. */
  void forget(Collection<TopicPartition> gone) {
    gone.forEach(due::remove);
  }
}
