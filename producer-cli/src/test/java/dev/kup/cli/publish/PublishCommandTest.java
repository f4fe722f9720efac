package dev.kup.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The command wired as in production, with stdin, stdout, stderr and the producer faked. */
class PublishCommandTest {
  private static final String VALID =
      "{\"table\":\"accounts\",\"key\":{\"id\":42},\"version\":7,\"set\":{\"status\":\"x\"}}";
  private static final String INVALID = "{\"table\":\"accounts\",\"key\":{\"id\":42}}";

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Map<String, Object> producerConfig;
  private String stdin = "";

  private int kup(String... args) {
    CommandContext context =
        new CommandContext(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            config -> {
              producerConfig = config;
              return producer;
            });
    return KupCommand.commandLine(context).execute(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void publishesStandardInputAndPrintsTheSummary() {
    stdin = VALID + "\n\n" + VALID + "\n";

    int exit = kup("publish");

    assertThat(exit).isZero();
    assertThat(stdout()).isEqualTo("sent=2 rejected=0 failed=0" + System.lineSeparator());
    assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly("accounts:42");
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void readsStandardInputForDash() {
    stdin = VALID;

    assertThat(kup("publish", "-")).isZero();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void exitsWithOneAndReportsWhenALineIsRejected() {
    stdin = VALID + "\n" + INVALID + "\n";

    int exit = kup("publish");

    assertThat(exit).isEqualTo(1);
    assertThat(stdout()).isEqualTo("sent=1 rejected=1 failed=0" + System.lineSeparator());
    assertThat(stderr())
        .contains(
            "line 2: SCHEMA_VIOLATION: missing field 'version', required when op is \"update\"");
  }

  @Test
  void sendsRejectableLinesWithNoValidate() {
    stdin = VALID + "\n" + INVALID + "\n";

    assertThat(kup("publish", "--no-validate")).isZero();
    assertThat(stdout()).startsWith("sent=2 rejected=0 failed=0");
  }

  @Test
  void defaultsToLocalhostAndTheUpdatesTopicWithAnIdempotentProducer() {
    stdin = VALID;

    kup("publish");

    assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("updates");
    assertThat(producerConfig)
        .containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true");
  }

  @Test
  void takesDefaultsFromTheEnvironment() {
    env.put("KUP_BOOTSTRAP_SERVERS", "broker:9093");
    env.put("KUP_TOPIC", "staging.updates");
    env.put("KUP_KAFKA_SECURITY_PROTOCOL", "SSL");
    stdin = VALID;

    kup("publish");

    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsOnly("staging.updates");
    assertThat(producerConfig)
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SSL");
  }

  @Test
  void letsOptionsWinOverTheEnvironment() {
    env.put("KUP_BOOTSTRAP_SERVERS", "broker:9093");
    env.put("KUP_TOPIC", "staging.updates");
    env.put("KUP_KAFKA_LINGER_MS", "5");
    stdin = VALID;

    kup(
        "publish",
        "--bootstrap-servers",
        "other:9094",
        "--topic",
        "t",
        "-X",
        "linger.ms=50",
        "--producer-property",
        "client.id=cli");

    assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("t");
    assertThat(producerConfig)
        .containsEntry("bootstrap.servers", "other:9094")
        .containsEntry("linger.ms", "50")
        .containsEntry("client.id", "cli");
  }

  @Test
  void exitsWithTwoForAnUnknownOption() {
    assertThat(kup("publish", "--nope")).isEqualTo(2);
    assertThat(stderr()).contains("Unknown option: '--nope'");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void exitsWithTwoForAMissingSubcommand() {
    assertThat(kup()).isEqualTo(2);
    assertThat(stderr()).contains("Missing required subcommand");
  }

  @Test
  void exitsWithTwoForAFileThatCannotBeRead() {
    assertThat(kup("publish", "/nonexistent/updates.jsonl")).isEqualTo(2);
    assertThat(stderr()).contains("cannot read FILE '/nonexistent/updates.jsonl'");
  }

  @Test
  void exitsWithTwoWhenAskedToWeakenDelivery() {
    assertThat(kup("publish", "-X", "acks=0")).isEqualTo(2);
    assertThat(stderr()).contains("producer property 'acks' is fixed to 'all'");
  }

  @Test
  void exitsWithTwoForAProducerConfigurationKafkaRefuses() {
    CommandContext context =
        new CommandContext(
            env,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            config -> {
              throw new ConfigException("linger.ms", "soon", "Expected value to be a number.");
            });

    assertThat(KupCommand.commandLine(context).execute("publish", "-X", "linger.ms=soon"))
        .isEqualTo(2);
    assertThat(stderr())
        .contains("invalid producer configuration: Invalid value soon for configuration linger.ms");
  }

  @Test
  void printsUsageOnHelp() {
    assertThat(kup("publish", "--help")).isZero();
    assertThat(stdout())
        .contains("Usage: kup publish")
        .contains("--bootstrap-servers")
        .contains("-X, --producer-property=KEY=VALUE")
        .contains("KUP_KAFKA_");
  }
}
