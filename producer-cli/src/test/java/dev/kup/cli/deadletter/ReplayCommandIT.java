package dev.kup.cli.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import dev.kup.cli.ProducerFactory;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.testkit.KafkaBrokerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code kup replay} against a real broker: what goes back, what stays, what the group remembers. */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayCommandIT {
  private static final String TOPIC = "replay-it";
  private static final String DLQ = "replay-it.dlq";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void replaysTheChosenReasonIntoTheOriginalTopicOnceAndLeavesTheRest(KafkaBroker broker)
      throws Exception {
    broker.createTopic(TOPIC, 3);
    broker.createTopic(DLQ, 3);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      letter(producer, "accounts:1", "{\"v\":1}", TOPIC, "UNKNOWN_COLUMN");
      letter(producer, "accounts:2", "{\"v\":2}", TOPIC, "VERSION_CONFLICT");
      letter(producer, "accounts:1", "{\"v\":3}", TOPIC, "UNKNOWN_COLUMN");
      letter(producer, "accounts:9", "{\"v\":4}", "another-topic", "UNKNOWN_COLUMN");
    }

    assertThat(kup("replay", "--reason", "UNKNOWN_COLUMN", "--dry-run", "--group", "dry",
        "--bootstrap-servers", broker.bootstrapServers(), "--topic", TOPIC, "--dlq-topic", DLQ))
        .isZero();
    assertThat(lastLine(out)).isEqualTo("replayed=2 skipped=2 failed=0 refused=0");
    assertThat(broker.readAll(TOPIC)).as("a dry run sends nothing").isEmpty();
    assertThat(broker.committedOffsets("dry", DLQ)).as("a dry run commits nothing").isEmpty();

    assertThat(kup("replay", "--reason", "UNKNOWN_COLUMN",
        "--bootstrap-servers", broker.bootstrapServers(), "--topic", TOPIC, "--dlq-topic", DLQ))
        .isZero();
    assertThat(lastLine(out)).isEqualTo("replayed=2 skipped=2 failed=0 refused=0");

    List<ConsumerRecord<byte[], byte[]>> replayed = broker.readAll(TOPIC);
    assertThat(replayed).extracting(r -> text(r.key()) + " " + text(r.value()))
        .containsExactly("accounts:1 {\"v\":1}", "accounts:1 {\"v\":3}");
    assertThat(replayed).allSatisfy(r -> {
      assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_COLUMN");
      assertThat(header(r, DeadLetterReplayer.REPLAYED_FROM)).startsWith(DLQ + "/");
    });
    assertThat(broker.committedOffsets(ReplayCommand.DEFAULT_GROUP, DLQ))
        .isEqualTo(broker.endOffsets(DLQ));

    assertThat(kup("replay", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic", TOPIC, "--dlq-topic", DLQ)).isZero();
    assertThat(lastLine(out)).as("the group already read every letter")
        .isEqualTo("replayed=0 skipped=0 failed=0 refused=0");
    assertThat(broker.readAll(TOPIC)).hasSize(2);
  }

  @Test
  void anUnknownReasonIsAUsageErrorAndCommitsNothing(KafkaBroker broker) throws Exception {
    broker.createTopic("replay-unknown", 1);
    broker.createTopic("replay-unknown.dlq", 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>("replay-unknown.dlq", "accounts:1", "{}");
      record.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, "replay-unknown".getBytes(StandardCharsets.UTF_8));
      record.headers().add(DeadLetterHeaders.REASON, "UNKNOWN_COLUMN".getBytes(StandardCharsets.UTF_8));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }

    assertThat(kup("replay", "--reason", "UNKNOWN_COLUMNS", "--group", "typo",
        "--bootstrap-servers", broker.bootstrapServers(), "--topic", "replay-unknown",
        "--dlq-topic", "replay-unknown.dlq")).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown --reason 'UNKNOWN_COLUMNS'")
        .contains("UNKNOWN_COLUMN");
    assertThat(broker.committedOffsets("typo", "replay-unknown.dlq")).isEmpty();
    assertThat(broker.readAll("replay-unknown")).isEmpty();
  }

  @Test
  void aMissingDeadLetterTopicIsAUsageError(KafkaBroker broker) {
    assertThat(kup("replay", "--bootstrap-servers", broker.bootstrapServers(),
        "--dlq-topic", "no-such-topic")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("dead-letter topic 'no-such-topic' does not exist");
  }

  @Test
  void lsAndShowReadLettersOfBothVintagesWithTheConventionalFlags(KafkaBroker broker)
      throws Exception {
    String dlq = "vintages.dlq";
    broker.createTopic(dlq, 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> old = new ProducerRecord<>(dlq, "accounts:1", "{\"v\":1}");
      old.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("updates"));
      old.headers().add(DeadLetterHeaders.ORIGINAL_PARTITION, bytes("2"));
      old.headers().add(DeadLetterHeaders.ORIGINAL_OFFSET, bytes("12345678"));
      old.headers().add(DeadLetterHeaders.REASON, bytes("UNKNOWN_COLUMN"));
      producer.send(old).get(30, TimeUnit.SECONDS);
      ProducerRecord<String, String> spring = new ProducerRecord<>(dlq, "orders:9", "not json");
      spring.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("updates"));
      spring.headers().add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(1));
      spring.headers().add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(77));
      spring.headers().add(DeadLetterHeaders.REASON, bytes("TYPE_MISMATCH"));
      producer.send(spring).get(30, TimeUnit.SECONDS);
    }
    java.nio.file.Path config = java.nio.file.Files.createTempFile("kup-client", ".properties");
    java.nio.file.Files.writeString(config, "client.id=from-command-config\n");

    assertThat(kup("dlq", "ls", "-b", broker.bootstrapServers(), "-F", config.toString(),
        "--dlq-topic", dlq)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip().split("\n"))
        .satisfiesExactly(
            l -> assertThat(l).contains(" 0@0 updates/2/12345678 - UNKNOWN_COLUMN key=accounts:1"),
            l -> assertThat(l).contains(" 0@1 updates/1/77 - TYPE_MISMATCH key=orders:9"));

    assertThat(kup("dlq", "ls", "--bootstrap-server", broker.bootstrapServers(),
        "--dlq-topic", dlq, "--table", "orders", "--json")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"original_offset\":77")
        .doesNotContain("accounts:1");

    assertThat(kup("dlq", "show", "0@1", "-b", broker.bootstrapServers(), "--dlq-topic", dlq))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("kafka_dlt-original-partition = 1\n")
        .contains("kafka_dlt-original-offset = 77\n")
        .contains("value\nnot json");
    assertThat(broker.committedOffsets("kup-replay", dlq)).as("looking commits nothing").isEmpty();
  }

  @Test
  void aLongReplayCommitsItsProgressAtEachCheckpoint(KafkaBroker broker) throws Exception {
    String topic = "checkpoints";
    String dlq = "checkpoints.dlq";
    broker.createTopic(topic, 3);
    broker.createTopic(dlq, 3);
    int letters = 1_600;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < letters; i++) {
        ProducerRecord<String, String> record = new ProducerRecord<>(dlq, "accounts:" + i, "{}");
        record.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes(topic));
        record.headers().add(DeadLetterHeaders.REASON, bytes("UNKNOWN_COLUMN"));
        producer.send(record);
      }
      producer.flush();
    }

    java.util.concurrent.CompletableFuture<Integer> run = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> kup("replay", "-b", broker.bootstrapServers(), "--topic", topic,
            "--dlq-topic", dlq, "--rate", "200"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!err.toString(StandardCharsets.UTF_8).contains("replay: read ")) {
      assertThat(System.nanoTime()).as("a progress line within a minute").isLessThan(deadline);
      Thread.sleep(50);
    }
    long checkpointed = broker.committedOffsets(ReplayCommand.DEFAULT_GROUP, dlq).values().stream()
        .mapToLong(Long::longValue).sum();
    assertThat(checkpointed).as("committed at the checkpoint, before the end")
        .isBetween(1L, letters - 1L);

    assertThat(run.get(2, TimeUnit.MINUTES)).isZero();
    assertThat(lastLine(out)).isEqualTo("replayed=" + letters + " skipped=0 failed=0 refused=0");
    assertThat(broker.committedOffsets(ReplayCommand.DEFAULT_GROUP, dlq))
        .isEqualTo(broker.endOffsets(dlq));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private int kup(String... args) {
    out.reset();
    CommandContext context = new CommandContext(Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), ProducerFactory.kafka());
    return KupCommand.commandLine(context).execute(args);
  }

  private static void letter(KafkaProducer<String, String> producer, String key, String value,
      String originalTopic, String reason) throws Exception {
    ProducerRecord<String, String> record = new ProducerRecord<>(DLQ, key, value);
    record.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, originalTopic.getBytes(StandardCharsets.UTF_8));
    record.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    producer.send(record).get(30, TimeUnit.SECONDS);
  }

  private static String lastLine(ByteArrayOutputStream stream) {
    String[] lines = stream.toString(StandardCharsets.UTF_8).strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
