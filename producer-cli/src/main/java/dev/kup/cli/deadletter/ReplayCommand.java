package dev.kup.cli.deadletter;

import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import dev.kup.schemas.DefaultTopics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kup replay}: the picocli face of {@link DeadLetterReplayer}. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Sends dead letters back to the topic they came from (or --to another), with their original"
          + " key and value bytes and headers plus kup.replayed.from and kup.replay.count, after"
          + " their cause was fixed (a column added, a table allow-listed, a producer corrected).",
      "Reads the dead-letter topic from the replay group's committed offsets (the beginning for a"
          + " new group) to its end at the start. Every 5 s and at the end it waits until every"
          + " record sent is acknowledged, commits the group's offsets and prints a progress line"
          + " on stderr: a run that is killed resumes from there. Letters the filters skip are read"
          + " past too; replay them later with another --group. Letters written without their"
          + " value (kup.dlq.value.omitted) are skipped, saying where the original lies.",
      "The loop guard: a letter already replayed --max-replays times is refused and listed, so a"
          + " record that keeps failing does not circle for ever.",
      "Prints 'replayed=<n> skipped=<m> failed=<k> refused=<r>' on stdout."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every selected letter was replayed (or listed, with --dry-run) or refused by the loop"
          + " guard",
      "1:a send failed (nothing was committed past it) or Kafka could not be reached",
      "2:usage error"
    })
public final class ReplayCommand implements Callable<Integer> {
  static final String DEFAULT_GROUP = "kup-replay";
  static final int DEFAULT_MAX_REPLAYS = 3;

  private final CommandContext context;

  @Spec private CommandSpec spec;
  @Mixin private DeadLetterSource source = new DeadLetterSource();
  @Mixin private LetterFilterOptions filterOptions = new LetterFilterOptions();

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Replay letters that came from this topic (default: $KUP_TOPIC, else updates).")
  private String topic;

  @Option(names = "--to", paramLabel = "TOPIC",
      description = "Send them to this topic instead of the one they came from.")
  private String destination;

  @Option(names = "--group", paramLabel = "GROUP",
      description = "Consumer group that remembers what was replayed (default: " + DEFAULT_GROUP + ").")
  private String group = DEFAULT_GROUP;

  @Option(names = "--max-replays", paramLabel = "N",
      description = "Refuse letters already replayed N times (kup.replay.count; default: "
          + DEFAULT_MAX_REPLAYS + ").")
  private int maxReplays = DEFAULT_MAX_REPLAYS;

  @Option(names = "--rate", paramLabel = "PER_SECOND",
      description = "Send at most this many letters per second (default: as fast as Kafka takes"
          + " them).")
  private double rate;

  @Option(names = "--dry-run",
      description = "List the letters that would be replayed on stderr; send and commit nothing.")
  private boolean dryRun;

  public ReplayCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ReplayPlan plan;
    Map<String, Object> producerConfig;
    try {
      String original = DeadLetterSource.named(topic, context.env(), "KUP_TOPIC",
          DefaultTopics.UPDATES);
      plan = new ReplayPlan(source.topic(context.env()),
          filterOptions.filter(original, Instant.now()),
          destination == null ? original : destination, maxReplays, rate, dryRun);
      producerConfig = source.connection.producerConfig(context.env(), source.clientProperties);
    } catch (IllegalArgumentException | KafkaException e) {
      throw usageError(e.getMessage());
    }
    Map<String, Object> consumerConfig =
        new HashMap<>(source.connection.readerConfig(context.env(), source.clientProperties));
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      ReplaySummary summary =
          new DeadLetterReplayer(consumer, producer, context.stderr()).replay(plan);
      context.stdout().println(summary.line());
      return summary.exitCode();
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
