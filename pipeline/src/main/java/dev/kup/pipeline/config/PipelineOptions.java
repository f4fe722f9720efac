package dev.kup.pipeline.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the engine needs to know that is not a connection.
 *
 * @param topic the topic update records are read from
 * @param deadLetterTopic where records that can never apply go
 * @param groupId the consumer group, also the key of stored offsets
 * @param tables the allow-list: only these tables are ever written
 * @param batchLimits when a micro-batch closes
 * @param retry how transient failures are retried, and the circuit breaker
 * @param workers batches applied at once (one per partition at most); at most the DB pool size
 * @param shutdownTimeout how long in-flight batches may take at shutdown or revocation
 * @param offsetOutOfRange what a partition whose stored offset lies outside its log does
 */
public record PipelineOptions(
    String topic,
    String deadLetterTopic,
    String groupId,
    List<TableOptions> tables,
    BatchLimits batchLimits,
    RetryOptions retry,
    int workers,
    Duration shutdownTimeout,
    OffsetOutOfRangePolicy offsetOutOfRange) {
  public PipelineOptions {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(batchLimits, "batchLimits");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(offsetOutOfRange, "offsetOutOfRange");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    tables = List.copyOf(tables);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("tables must name at least one table");
    }
    if (topic.equals(deadLetterTopic)) {
      throw new IllegalArgumentException("deadLetterTopic must differ from topic");
    }
  }
}
