package dev.kup.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import dev.kup.cli.ProducerFactory;
import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code kup publish} against a real broker: what lands on the topic, and what the user sees. */
@ExtendWith(KafkaBrokerExtension.class)
class PublishCommandIT {
  private static final List<String> VALID =
      List.of(
          "{\"table\":\"accounts\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"status\":\"open\"}}",
          "{\"table\":\"accounts\",\"key\":{\"id\":2},\"version\":4,\"increment\":{\"balance\":-12.50}}",
          "{ \"table\": \"accounts\", \"key\": {\"id\": 1}, \"version\": 2, \"set\": {\"status\":"
              + " \"closed\"} }",
          "{\"table\":\"order_lines\",\"key\":{\"order_id\":7,\"line\":3},\"op\":\"upsert\",\"set\":{\"qty\":2}}",
          "{\"table\":\"accounts\",\"key\":{\"id\":1},\"version\":3,\"op\":\"delete\"}",
          "{\"table\":\"accounts\",\"key\":{\"id\":3},\"version\":0,\"set\":{\"note\":\"caf\u00e9"
              + " \u4e2d\"}}");
  private static final String INVALID =
      "{\"table\":\"accounts\",\"key\":{\"id\":4},\"version\":\"abc\",\"set\":{\"status\":\"x\"}}";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int kup(String... args) {
    CommandContext context =
        new CommandContext(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            ProducerFactory.kafka());
    return KupCommand.commandLine(context).execute(args);
  }

  private static Path write(Path dir, List<String> lines) throws IOException {
    return Files.write(dir.resolve("updates.jsonl"), lines, StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void publishesValidLinesUnchangedKeyedPerRowAndRejectsTheRest(
      KafkaBroker broker, @TempDir Path dir) throws IOException {
    String topic = "kup-cli-it-publish";
    broker.createTopic(topic, 6);
    List<String> lines =
        List.of(
            VALID.get(0),
            VALID.get(1),
            "",
            VALID.get(2),
            INVALID,
            VALID.get(3),
            VALID.get(4),
            VALID.get(5));
    Path file = write(dir, lines);

    int exit =
        kup(
            "publish",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--topic",
            topic,
            file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("sent=6 rejected=1 failed=0");
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "line 5: SCHEMA_VIOLATION: field 'version' must be an integer >= 0, got \"abc\"");

    List<ConsumerRecord<byte[], byte[]>> landed = broker.readAll(topic);
    assertThat(landed).hasSize(6);
    assertThat(landed).extracting(r -> text(r.value())).containsExactlyInAnyOrderElementsOf(VALID);
    for (ConsumerRecord<byte[], byte[]> record : landed) {
      int line = VALID.indexOf(text(record.value()));
      assertThat(record.value()).isEqualTo(VALID.get(line).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(landed)
        .extracting(r -> text(r.key()))
        .containsExactlyInAnyOrder(
            "accounts:1",
            "accounts:2",
            "accounts:1",
            "order_lines:line=3,order_id=7",
            "accounts:1",
            "accounts:3");
    assertSameKeySamePartitionInFileOrder(
        landed, "accounts:1", List.of(VALID.get(0), VALID.get(2), VALID.get(4)));
  }

  @Test
  void publishesBrokenLinesAsTheyAreWithNoValidate(KafkaBroker broker, @TempDir Path dir)
      throws IOException {
    String topic = "kup-cli-it-no-validate";
    broker.createTopic(topic, 6);
    String garbage = "this is not json";
    Path file = write(dir, List.of(VALID.get(0), INVALID, garbage));

    int exit =
        kup(
            "publish",
            "--no-validate",
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--topic",
            topic,
            file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("sent=3 rejected=0 failed=0");
    Map<String, String> keyByValue =
        broker.readAll(topic).stream()
            .collect(Collectors.toMap(r -> text(r.value()), r -> String.valueOf(text(r.key()))));
    assertThat(keyByValue)
        .containsOnly(
            Map.entry(VALID.get(0), "accounts:1"),
            Map.entry(INVALID, "accounts:4"),
            Map.entry(garbage, "null"));
  }

  @Test
  void runsAsItsOwnProcessReadingTheEnvironment(KafkaBroker broker, @TempDir Path dir)
      throws IOException {
    String topic = "kup-cli-it-process";
    broker.createTopic(topic, 6);
    Path file = write(dir, List.of(VALID.get(0), VALID.get(3)));

    JvmProcess kup =
        JvmProcess.start(
            KupCommand.class.getName(),
            List.of(),
            List.of("publish", file.toString()),
            Map.of(
                "KUP_BOOTSTRAP_SERVERS",
                broker.bootstrapServers(),
                "KUP_TOPIC",
                topic,
                "KUP_KAFKA_CLIENT_ID",
                "kup-cli-it"),
            dir.resolve("kup.log"));

    assertThat(kup.waitFor(Duration.ofSeconds(60))).as(kup.logTail(50)).isZero();
    assertThat(kup.logTail(50)).contains("sent=2 rejected=0 failed=0");
    assertThat(broker.readAll(topic))
        .extracting(r -> text(r.key()))
        .containsExactlyInAnyOrder("accounts:1", "order_lines:line=3,order_id=7");
  }

  private static void assertSameKeySamePartitionInFileOrder(
      List<ConsumerRecord<byte[], byte[]>> landed, String key, List<String> valuesInFileOrder) {
    List<ConsumerRecord<byte[], byte[]>> sameKey =
        landed.stream()
            .filter(r -> Arrays.equals(r.key(), key.getBytes(StandardCharsets.UTF_8)))
            .toList();
    assertThat(sameKey)
        .extracting(ConsumerRecord::partition)
        .containsOnly(sameKey.get(0).partition());
    assertThat(sameKey.stream().sorted((a, b) -> Long.compare(a.offset(), b.offset())))
        .extracting(r -> text(r.value()))
        .containsExactlyElementsOf(valuesInFileOrder);
  }
}
