package dev.kup.cli.status;

import dev.kup.cli.CommandContext;
import dev.kup.cli.DurationConverter;
import dev.kup.cli.KafkaConnection;
import dev.kup.cli.KupCommand;
import dev.kup.cli.deadletter.DeadLetterCounts;
import dev.kup.schemas.DefaultTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kup status}: reads the group's offsets from Kafka (Admin client) and {@code
 * kup_offsets} (read-only JDBC), judges each partition ({@link StuckRule}), counts the dead
 * letters ({@link DeadLetterCounts}) and prints a {@link StatusReport}. Joins no group, commits
 * nothing, writes nothing.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Shows, per partition of the topic, the log end, the group's offset committed to Kafka, the"
          + " offset stored in kup_offsets, the lag (log end - position; the position is the"
          + " stored offset, kup's truth, else Kafka's committed one) and the age of the last"
          + " commit (kup_offsets.updated_at); then the dead letters of the topic by reason.",
      "A partition is stuck when records waited longer than --stuck-after with no batch"
          + " committed (the consumer's own rule for /health/ready): its last commit and its first"
          + " waiting record are both older than that; a partition kup never committed counts from"
          + " its first waiting record alone. Without a database (--db-url, $KUP_DB_URL;"
          + " $KUP_DB_USER, $KUP_DB_PASSWORD or their _FILE forms) the stored offsets are unknown"
          + " and a partition committed to Kafka cannot be judged stuck.",
      "Reads only: joins no group, commits nothing. KUP_KAFKA_<NAME> variables pass through as"
          + " client properties, as for publish."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no partition is stuck",
      "1:Kafka or the database could not be read",
      "2:usage error (including a topic that does not exist)",
      "3:at least one partition is stuck"
    })
public final class StatusCommand implements Callable<Integer> {
  static final String DEFAULT_GROUP = "kup-applier";
  static final String DEFAULT_STUCK_AFTER = "5m";
  static final String DEFAULT_TIMEOUT = "30s";

  private final CommandContext context;

  @Spec private CommandSpec spec;

  @Mixin private KafkaConnection connection = new KafkaConnection();

  @Option(names = "--group", paramLabel = "GROUP",
      description = "The consumer's group (default: $KUP_GROUP_ID, else " + DEFAULT_GROUP + ").")
  private String group;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Topic the group reads (default: $KUP_TOPIC, else " + DefaultTopics.UPDATES
          + ").")
  private String topic;

  @Option(names = "--dlq-topic", paramLabel = "TOPIC",
      description = "Dead-letter topic to count (default: $KUP_DLQ_TOPIC, else "
          + DefaultTopics.DEAD_LETTERS + ").")
  private String deadLetterTopic;

  @Option(names = "--skip-dlq",
      description = "Do not read the dead-letter topic (a probe that runs often).")
  private boolean skipDeadLetters;

  @Option(names = "--db-url", paramLabel = "JDBC-URL",
      description = "Database holding kup_offsets (default: $KUP_DB_URL; none: stored offsets"
          + " unknown).")
  private String databaseUrl;

  @Option(names = "--db-user", paramLabel = "USER",
      description = "Database user (default: $KUP_DB_USER). The password only from"
          + " $KUP_DB_PASSWORD or $KUP_DB_PASSWORD_FILE.")
  private String databaseUser;

  @Option(names = "--stuck-after", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = DEFAULT_STUCK_AFTER,
      description = "How long records may wait with no commit before their partition is stuck:"
          + " 30s, 5m, 1h or PT5M (default: ${DEFAULT-VALUE}).")
  private Duration stuckAfter;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = DEFAULT_TIMEOUT,
      description = "How long to wait for Kafka or the database to answer (default:"
          + " ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--json", description = "Print one JSON document instead of the table.")
  private boolean json;

  @Option(names = {"-X", "--client-property"}, paramLabel = "KEY=VALUE",
      description = "Kafka client property for the admin client and the consumer; repeatable.")
  private Map<String, String> clientProperties = new LinkedHashMap<>();

  public StatusCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String updates = named(topic, "KUP_TOPIC", DefaultTopics.UPDATES);
    String letters = named(deadLetterTopic, "KUP_DLQ_TOPIC", DefaultTopics.DEAD_LETTERS);
    String groupId = named(group, "KUP_GROUP_ID", DEFAULT_GROUP);
    Optional<DatabaseLogin> database = database();
    Map<String, Object> config = clientConfig();
    try (Admin admin = Admin.create(only(config, AdminClientConfig.configNames(), adminSettings()));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
            only(config, ConsumerConfig.configNames(), consumerSettings()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      StatusReport report = report(admin, consumer, database, groupId, updates, letters);
      if (json) {
        context.stdout().println(StatusJson.render(report));
      } else {
        StatusTable.print(report, context.stdout());
      }
      return report.exitCode();
    } catch (IllegalArgumentException | ConfigException e) {
      throw usageError(e.getMessage());
    } catch (IllegalStateException | KafkaException e) {
      context.stderr().println("kup status: " + e.getMessage());
      return KupCommand.EXIT_FAILURE;
    }
  }

  private StatusReport report(Admin admin, Consumer<byte[], byte[]> consumer,
      Optional<DatabaseLogin> database, String groupId, String updates, String letters) {
    List<PartitionFacts> facts = new KafkaOffsetReader(admin, timeout).read(updates, groupId);
    if (database.isPresent()) {
      facts = withStored(facts, new JdbcOffsetReader(database.get(), timeout).read(groupId, updates));
    }
    Instant now = Clock.systemUTC().instant();
    StuckRule rule = new StuckRule(stuckAfter, Clock.fixed(now, ZoneOffset.UTC));
    facts = withOldestWaiting(facts, rule, consumer, updates);
    Optional<DeadLetterCounts> counts = skipDeadLetters ? Optional.empty()
        : Optional.of(DeadLetterCounts.read(consumer, letters, updates, timeout));
    return new StatusReport(groupId, updates, now, stuckAfter, database.isPresent(),
        facts.stream().map(rule::judge).toList(), counts);
  }

  private static List<PartitionFacts> withStored(List<PartitionFacts> facts,
      Map<Integer, StoredOffset.Committed> stored) {
    return facts.stream().map(f -> f.withStored(stored.containsKey(f.partition())
        ? stored.get(f.partition()) : new StoredOffset.Missing())).toList();
  }

  /** Only partitions with no commit within --stuck-after need their first waiting record's time. */
  private List<PartitionFacts> withOldestWaiting(List<PartitionFacts> facts, StuckRule rule,
      Consumer<byte[], byte[]> consumer, String updates) {
    Map<Integer, Long> from = new HashMap<>();
    facts.stream().filter(rule::needsOldestWaitingRecord)
        .forEach(f -> from.put(f.partition(), f.firstWaitingOffset()));
    Map<Integer, Instant> times = new WaitingRecordReader(consumer, timeout).read(updates, from);
    return facts.stream().map(f -> times.containsKey(f.partition())
        ? f.withOldestWaitingAt(times.get(f.partition())) : f).toList();
  }

  private Optional<DatabaseLogin> database() {
    String url = databaseUrl != null ? databaseUrl : context.env().get("KUP_DB_URL");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String user = databaseUser != null ? databaseUser : context.env().get("KUP_DB_USER");
    return Optional.of(new DatabaseLogin(url.strip(), user, context.env().get("KUP_DB_PASSWORD")));
  }

  private Map<String, Object> clientConfig() {
    try {
      return connection.producerConfig(context.env(), clientProperties);
    } catch (IllegalArgumentException | KafkaException e) {
      throw usageError(e.getMessage());
    }
  }

  private Map<String, Object> adminSettings() {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> settings = new HashMap<>();
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    return settings;
  }

  /** No group: nothing to join, nothing to commit; and no topic created by asking for it. */
  private Map<String, Object> consumerSettings() {
    Map<String, Object> settings = adminSettings();
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return settings;
  }

  /** The connection settings without the producer's own, plus {@code settings}. */
  private static Map<String, Object> only(Map<String, Object> config, Set<String> names,
      Map<String, Object> settings) {
    Map<String, Object> kept = new HashMap<>(config);
    kept.keySet().removeIf(k -> ProducerConfig.configNames().contains(k) && !names.contains(k));
    kept.remove(ConsumerConfig.GROUP_ID_CONFIG);
    kept.putAll(settings);
    return kept;
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
