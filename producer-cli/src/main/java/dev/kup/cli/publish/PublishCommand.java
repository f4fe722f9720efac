package dev.kup.cli.publish;

import dev.kup.cli.CommandContext;
import dev.kup.cli.KafkaConnection;
import dev.kup.cli.KupCommand;
import dev.kup.schemas.DefaultTopics;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kup publish [FILE]}: the picocli face of {@link Publisher}. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Publishes update records, one JSON object per line (blank lines ignored), to Kafka.",
      "Each line's bytes are sent unchanged, keyed table:canonical-key, by an idempotent producer"
          + " (acks=all). Lines are first checked against the update-record contract (parser and"
          + " JSON Schema); a rejected line is not sent and is reported on stderr with its line"
          + " number. Prints 'sent=<n> rejected=<m> failed=<k>' on stdout at the end.",
      "Every environment variable KUP_KAFKA_<NAME> is passed as producer property <name>"
          + " (lower-cased, '_' -> '.'), e.g. KUP_KAFKA_SECURITY_PROTOCOL=SSL."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every record was sent",
      "1:a line was rejected, a send failed, or input could not be read",
      "2:usage error"
    })
public final class PublishCommand implements Callable<Integer> {
  static final String TOPIC_ENV = "KUP_TOPIC";
  private static final String STDIN = "-";

  private final CommandContext context;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "JSON-lines file to publish; '-' or absent: standard input.")
  private String file;

  @Mixin private KafkaConnection connection = new KafkaConnection();

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description =
          "Topic to publish to (default: $" + TOPIC_ENV + ", else " + DefaultTopics.UPDATES + ").")
  private String topic;

  @Option(
      names = {"-X", "--producer-property"},
      paramLabel = "KEY=VALUE",
      description = "Kafka producer property; repeatable; wins over KUP_KAFKA_* variables.")
  private Map<String, String> producerProperties = new LinkedHashMap<>();

  @Option(
      names = "--no-validate",
      description =
          "Send every line as it is, even broken ones (for tests); keyed when its table and key"
              + " are valid, else with a null key.")
  private boolean noValidate;

  public PublishCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Map<String, Object> config = producerConfig();
    String topicName = topicName();
    LineCheck check = lineCheck();
    try (InputStream in = openInput();
        Producer<String, byte[]> producer = createProducer(config)) {
      PublishSummary summary =
          new Publisher(producer, topicName, check, context.stderr()).publish(in);
      context.stdout().println(summary.line());
      return summary.exitCode();
    }
  }

  private Map<String, Object> producerConfig() {
    try {
      return connection.producerConfig(context.env(), producerProperties);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
  }

  private String topicName() {
    String name = topic != null ? topic : context.env().getOrDefault(TOPIC_ENV, DefaultTopics.UPDATES);
    if (name.isBlank()) {
      throw usageError("topic must not be empty");
    }
    return name;
  }

  private LineCheck lineCheck() {
    return noValidate ? LineCheck.unchecked() : LineCheck.contract();
  }

  private InputStream openInput() {
    if (file == null || file.equals(STDIN)) {
      // standard input belongs to the process: read it, never close it
      return new BufferedInputStream(
          new FilterInputStream(context.stdin()) {
            @Override
            public void close() {}
          });
    }
    try {
      return new BufferedInputStream(Files.newInputStream(Path.of(file)));
    } catch (IOException | RuntimeException e) {
      throw usageError("cannot read FILE '" + file + "': " + e);
    }
  }

  private Producer<String, byte[]> createProducer(Map<String, Object> config) {
    try {
      return context.producers().create(config);
    } catch (KafkaException e) {
      throw usageError("invalid producer configuration: " + e.getMessage());
    }
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
