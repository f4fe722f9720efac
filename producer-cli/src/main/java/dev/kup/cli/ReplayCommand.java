package dev.kup.cli;

import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DefaultTopics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kup replay}: the picocli face of {@link DeadLetterReplayer}. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Sends dead letters back to the topic they came from, with their original key and value"
          + " bytes and headers (plus kup.replayed.from), after their cause was fixed (a column"
          + " added, a table allow-listed, a producer corrected).",
      "Reads the dead-letter topic from the replay group's committed offsets (the beginning for a"
          + " new group) to its end at the start, and commits the group's offsets up to that end"
          + " once every replayed record is acknowledged: letters written during the run, and"
          + " newer ones, wait for the next run. Letters the filters skip are read past too;"
          + " replay them later with another --group. Letters written without their value"
          + " (kup.dlq.value.omitted) are skipped, saying where the original lies.",
      "Prints 'replayed=<n> skipped=<m> failed=<k>' on stdout. KUP_KAFKA_<NAME> variables pass"
          + " through as client properties, as for publish."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every selected letter was replayed (or listed, with --dry-run)",
      "1:a send failed (nothing was committed) or Kafka could not be reached",
      "2:usage error"
    })
final class ReplayCommand implements Callable<Integer> {
  static final String DEFAULT_GROUP = "kup-replay";

  private final CommandContext context;

  @Spec private CommandSpec spec;

  @Mixin private KafkaConnection connection = new KafkaConnection();

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Replay letters that came from this topic, into it (default: $KUP_TOPIC, else updates).")
  private String topic;

  @Option(names = "--dlq-topic", paramLabel = "TOPIC",
      description = "Dead-letter topic to read (default: $KUP_DLQ_TOPIC, else updates.dlq).")
  private String deadLetterTopic;

  @Option(names = "--reason", paramLabel = "CODE",
      description = "Replay only letters with this kup.dlq.reason (e.g. UNKNOWN_COLUMN); repeatable.")
  private Set<String> reasons = new LinkedHashSet<>();

  @Option(names = "--group", paramLabel = "GROUP",
      description = "Consumer group that remembers what was replayed (default: " + DEFAULT_GROUP + ").")
  private String group = DEFAULT_GROUP;

  @Option(names = "--dry-run",
      description = "List the letters that would be replayed on stderr; send and commit nothing.")
  private boolean dryRun;

  @Option(names = {"-X", "--client-property"}, paramLabel = "KEY=VALUE",
      description = "Kafka client property for both the consumer and the producer; repeatable.")
  private Map<String, String> clientProperties = new LinkedHashMap<>();

  ReplayCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    requireKnownReasons();
    String target = named(topic, "KUP_TOPIC", DefaultTopics.UPDATES);
    String source = named(deadLetterTopic, "KUP_DLQ_TOPIC", DefaultTopics.DEAD_LETTERS);
    Map<String, Object> producerConfig = producerConfig();
    Map<String, Object> consumerConfig = consumerConfig(producerConfig);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      ReplaySummary summary = new DeadLetterReplayer(consumer, producer, context.stderr())
          .replay(source, new ReplayFilter(reasons, target), dryRun);
      context.stdout().println(summary.line());
      return summary.exitCode();
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
  }

  /** A code no letter can carry would select nothing and commit past everything: refuse it. */
  private void requireKnownReasons() {
    Set<String> known = new TreeSet<>();
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      known.add(reason.code());
    }
    for (String reason : reasons) {
      if (!known.contains(reason)) {
        throw usageError("unknown --reason '" + reason + "'; reason codes are " + known);
      }
    }
  }

  private Map<String, Object> producerConfig() {
    try {
      return connection.producerConfig(context.env(), clientProperties);
    } catch (IllegalArgumentException | KafkaException e) {
      throw usageError(e.getMessage());
    }
  }

  /** The producer's connection settings, without the producer-only ones, as a replay group. */
  private Map<String, Object> consumerConfig(Map<String, Object> producerConfig) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.keySet().removeIf(k -> ProducerConfig.configNames().contains(k)
        && !ConsumerConfig.configNames().contains(k));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  private String named(String option, String variable, String fallback) {
    String name = option != null ? option : context.env().getOrDefault(variable, fallback);
    if (name.isBlank()) {
      throw usageError(variable + " must not be empty");
    }
    return name;
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
