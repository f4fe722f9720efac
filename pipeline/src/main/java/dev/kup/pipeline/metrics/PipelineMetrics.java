package dev.kup.pipeline.metrics;

import dev.kup.pipeline.batch.BatchReport;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * What the engine reports as it works. Implementations must be thread-safe: workers and the poll
 * thread call in concurrently. {@link #NONE} ignores everything (tests, tools).
 */
public interface PipelineMetrics {
  PipelineMetrics NONE = new PipelineMetrics() {};

  /** One attempt to apply a batch ended, committed or not, after {@code duration}. */
  default void batchAttempt(Duration duration, boolean committed) {}

  /** A batch committed: outcomes per record, dead letters, size, end-to-end latency. */
  default void batchCommitted(BatchReport report) {}

  default void databaseCommit(Duration duration) {}

  default void kafkaCommit(Duration duration) {}

  default void retried() {}

  /** {@code kind} is assigned, revoked or lost. */
  default void rebalance(String kind) {}

  /**
   * Starts reporting the age of the partition's oldest record held but not committed; {@code
   * age} is read on another thread and must be thread-safe.
   */
  default void trackPartition(TopicPartition partition, Supplier<Duration> age) {}

  default void untrackPartition(TopicPartition partition) {}

  /**
   * A stored offset outside the partition's log was resumed elsewhere on purpose, passing over
   * {@code offsets} offsets of the log (0 when none).
   */
  default void offsetResetSkipped(TopicPartition partition, long offsets) {}
}
