package dev.kup.router;

import dev.kup.schemas.DefaultTopics;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Everything the router needs to know that is not a connection.
 *
 * @param applicationId the Kafka Streams application id: its consumer group, the prefix of its
 *     transactional ids, and the consumer group its dead letters name; non-blank
 * @param inputTopics the feeds read; at least one, none of them the output or dead-letter topic
 * @param outputTopic where canonical update records go ({@link #DEFAULT_OUTPUT_TOPIC})
 * @param deadLetterTopic where records that cannot be routed go ({@link
 *     #DEFAULT_DEAD_LETTER_TOPIC}); differs from the output topic
 * @param tables how change events of each source table become update records; each source table
 *     once; may be empty when the feeds carry only update records
 * @param maxDeadLetterBytes the largest dead letter the dead-letter topic takes: the smaller of
 *     the producer's {@code max.request.size} and the topic's {@code max.message.bytes} ({@link
 *     #DEFAULT_MAX_DEAD_LETTER_BYTES}); larger letters go without their value
 */
public record RouterOptions(
    String applicationId,
    List<String> inputTopics,
    String outputTopic,
    String deadLetterTopic,
    List<TableMapping> tables,
    int maxDeadLetterBytes) {
  public static final String DEFAULT_OUTPUT_TOPIC = DefaultTopics.UPDATES;
  public static final String DEFAULT_DEAD_LETTER_TOPIC = DefaultTopics.DEAD_LETTERS;

  /** The producer's default {@code max.request.size}, as Kafka declares it. */
  public static final int DEFAULT_MAX_DEAD_LETTER_BYTES =
      (Integer)
          ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

  public RouterOptions {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(outputTopic, "outputTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    if (applicationId.isBlank()) {
      throw new IllegalArgumentException("applicationId must not be blank");
    }
    inputTopics = List.copyOf(inputTopics);
    tables = List.copyOf(tables);
    checkTopics(inputTopics, outputTopic, deadLetterTopic);
    checkSourceTablesOnce(tables);
    if (maxDeadLetterBytes < 1) {
      throw new IllegalArgumentException(
          "maxDeadLetterBytes must be >= 1, got " + maxDeadLetterBytes);
    }
  }

  /** Options with the default output and dead-letter topics and dead-letter size. */
  public static RouterOptions withDefaults(
      String applicationId, List<String> inputTopics, List<TableMapping> tables) {
    return new RouterOptions(
        applicationId,
        inputTopics,
        DEFAULT_OUTPUT_TOPIC,
        DEFAULT_DEAD_LETTER_TOPIC,
        tables,
        DEFAULT_MAX_DEAD_LETTER_BYTES);
  }

  private static void checkTopics(List<String> inputs, String output, String deadLetters) {
    if (output.isBlank() || deadLetters.isBlank()) {
      throw new IllegalArgumentException("outputTopic and deadLetterTopic must not be blank");
    }
    if (output.equals(deadLetters)) {
      throw new IllegalArgumentException("deadLetterTopic must differ from outputTopic");
    }
    if (inputs.isEmpty() || inputs.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("inputTopics must name at least one topic, none blank");
    }
    // the router would read its own output: every record again, forever
    if (inputs.contains(output) || inputs.contains(deadLetters)) {
      throw new IllegalArgumentException(
          "inputTopics must not include the outputTopic or the deadLetterTopic, got " + inputs);
    }
  }

  private static void checkSourceTablesOnce(List<TableMapping> tables) {
    Set<String> seen = new HashSet<>();
    for (TableMapping table : tables) {
      if (!seen.add(table.sourceTable())) {
        throw new IllegalArgumentException(
            "tables must map each source table once, got " + table.sourceTable() + " twice");
      }
    }
  }
}
