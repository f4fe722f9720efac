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
 * @param retryBackoffInitial first pause of a partition after a failed batch
 * @param retryBackoffMax longest pause of a partition between retries of a failed batch
 */
public record PipelineOptions(
    String topic,
    String deadLetterTopic,
    String groupId,
    List<TableOptions> tables,
    BatchLimits batchLimits,
    Duration retryBackoffInitial,
    Duration retryBackoffMax) {
  public static final String DEFAULT_TOPIC = "updates";
  public static final String DEFAULT_DLQ_TOPIC = "updates.dlq";
  public static final String DEFAULT_GROUP_ID = "kup-applier";
  public static final Duration DEFAULT_RETRY_BACKOFF_INITIAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(10);

  public PipelineOptions {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(batchLimits, "batchLimits");
    Objects.requireNonNull(retryBackoffInitial, "retryBackoffInitial");
    Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
    tables = List.copyOf(tables);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("KUP_TABLES must name at least one table");
    }
    if (topic.equals(deadLetterTopic)) {
      throw new IllegalArgumentException("KUP_DLQ_TOPIC must differ from KUP_TOPIC");
    }
  }

  /** Options with every default, for the given allow-list. */
  public static PipelineOptions defaults(List<TableOptions> tables) {
    return new PipelineOptions(
        DEFAULT_TOPIC,
        DEFAULT_DLQ_TOPIC,
        DEFAULT_GROUP_ID,
        tables,
        BatchLimits.defaults(),
        DEFAULT_RETRY_BACKOFF_INITIAL,
        DEFAULT_RETRY_BACKOFF_MAX);
  }

  public PipelineOptions withTopics(String topic, String deadLetterTopic) {
    return new PipelineOptions(
        topic, deadLetterTopic, groupId, tables, batchLimits, retryBackoffInitial, retryBackoffMax);
  }

  public PipelineOptions withGroupId(String groupId) {
    return new PipelineOptions(
        topic, deadLetterTopic, groupId, tables, batchLimits, retryBackoffInitial, retryBackoffMax);
  }

  public PipelineOptions withBatchLimits(BatchLimits batchLimits) {
    return new PipelineOptions(
        topic, deadLetterTopic, groupId, tables, batchLimits, retryBackoffInitial, retryBackoffMax);
  }
}
