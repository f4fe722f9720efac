package dev.kup.cli.deadletter;

import dev.kup.cli.KafkaConnection;
import dev.kup.schemas.DefaultTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that read the dead-letter topic: which topic, how to connect. */
final class DeadLetterSource {

  @Mixin KafkaConnection connection = new KafkaConnection();

  @Option(names = "--dlq-topic", paramLabel = "TOPIC",
      description = "Dead-letter topic to read (default: $KUP_DLQ_TOPIC, else updates.dlq).")
  String deadLetterTopic;

  @Option(names = {"-X", "--client-property"}, paramLabel = "KEY=VALUE",
      description = "Kafka client property; repeatable; wins over -F and KUP_KAFKA_* variables.")
  Map<String, String> clientProperties = new LinkedHashMap<>();

  /**
   * The dead-letter topic's name.
   *
   * @throws IllegalArgumentException when it is empty
   */
  String topic(Map<String, String> env) {
    return named(deadLetterTopic, env, "KUP_DLQ_TOPIC", DefaultTopics.DEAD_LETTERS);
  }

  /** A consumer that reads without joining a group or committing; the caller closes it. */
  KafkaConsumer<byte[], byte[]> reader(Map<String, String> env) {
    return new KafkaConsumer<>(connection.readerConfig(env, clientProperties),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Hands each letter {@code filter} selects to {@code visitor}, oldest first within a partition,
   * until the ends taken at the start or until {@code visitor} returns false; joins no group,
   * commits nothing.
   *
   * @throws IllegalArgumentException when the topic is unnamed or does not exist
   */
  void forEachLetter(Map<String, String> env, LetterFilter filter,
      Predicate<DeadLetterView> visitor) {
    String topic = topic(env);
    try (KafkaConsumer<byte[], byte[]> consumer = reader(env)) {
      new DeadLetterTopicReader(consumer).read(topic, filter.since(),
          letter -> !filter.matches(letter) || visitor.test(letter));
    }
  }

  /** An option's value, else the variable's, else the default; never empty. */
  static String named(String option, Map<String, String> env, String variable, String fallback) {
    String name = option != null ? option : env.getOrDefault(variable, fallback);
    if (name.isBlank()) {
      throw new IllegalArgumentException(variable + " must not be empty");
    }
    return name;
  }
}
