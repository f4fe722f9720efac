package dev.kup.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import dev.kup.cli.ProducerFactory;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kup status} against a real broker and a real PostgreSQL: offsets committed to Kafka with
 * the Admin client, rows written to {@code kup_offsets} of the class's own schema, as the consumer
 * would leave them. Every test has topics and a group of its own.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class StatusCommandIT {
  private static final String PASSWORD_MARKER = "status-it-never-print-me";

  private final KafkaBroker broker;
  private final TestDatabase database;
  private final String topic = "status-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String deadLetters = topic + ".dlq";
  private final String group = topic + "-group";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  StatusCommandIT(KafkaBroker broker, TestDatabase database) {
    this.broker = broker;
    this.database = database;
  }

  @BeforeEach
  void createOffsetsTable() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS kup_offsets ("
          + " group_id VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL,"
          + " partition_no INTEGER NOT NULL, next_offset BIGINT NOT NULL,"
          + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " PRIMARY KEY (group_id, topic, partition_no))");
    }
  }

  @Test
  void aCaughtUpOrRecentlyCommittedGroupIsHealthy() throws Exception {
    broker.createTopic(topic, 2);
    produce(0, 3);
    produce(1, 2);
    commitToKafka(Map.of(0, 3L, 1, 1L));
    store(0, 3, Instant.now().minus(Duration.ofHours(1)));
    store(1, 1, Instant.now().minusSeconds(5));

    assertThat(kup(withDatabase(), "status", "-b", broker.bootstrapServers(), "--group", group,
        "--topic", topic, "--dlq-topic", deadLetters, "--stuck-after", "5m")).isZero();

    assertThat(stdout().lines()).anyMatch(l -> l.matches("0 +3 +3 +3 +0 +1h ago +caught-up"));
    assertThat(stdout().lines()).anyMatch(l -> l.matches("1 +2 +1 +1 +1 +\\d+s ago +progressing"));
    assertThat(stdout()).contains("dead-letter topic " + deadLetters + " does not exist")
        .endsWith("no partition stuck; lag 1\n");
    assertThat(stdout() + stderr()).doesNotContain(password());
  }

  @Test
  void aPartitionWithRecordsWaitingAndNoRecentCommitIsStuckAndNamed() throws Exception {
    broker.createTopic(topic, 2);
    produce(0, 2);
    for (int i = 0; i < 4; i++) {
      produceAt(1, Instant.now().minus(Duration.ofMinutes(20)));
    }
    commitToKafka(Map.of(0, 2L, 1, 1L));
    store(0, 2, Instant.now().minusSeconds(30));
    store(1, 1, Instant.now().minus(Duration.ofMinutes(10)));
    Map<TopicPartition, Long> committedBefore = broker.committedOffsets(group, topic);

    assertThat(kup(withDatabase(), "status", "-b", broker.bootstrapServers(), "--group", group,
        "--topic", topic, "--dlq-topic", deadLetters, "--stuck-after", "PT5M")).isEqualTo(3);
    assertThat(stdout().lines()).anyMatch(
        l -> l.matches("1 +4 +1 +1 +3 +10m\\d*s? ago, oldest record 20m\\d*s? +stuck"));
    assertThat(stdout()).endsWith(
        "stuck: partition 1 (records waited longer than 5m with no commit)\n");

    assertThat(kup(withDatabase(), "status", "--bootstrap-server", broker.bootstrapServers(),
        "--group", group, "--topic", topic, "--dlq-topic", deadLetters, "--json")).isEqualTo(3);
    JsonNode json = new ObjectMapper().readTree(stdout());
    assertThat(json.get("stuck").asBoolean()).isTrue();
    assertThat(json.get("stuck_partitions").toString()).isEqualTo("[1]");
    JsonNode healthy = json.get("partitions").get(0);
    assertThat(healthy.get("lag").asLong()).isZero();
    assertThat(healthy.get("stuck").asBoolean()).isFalse();
    JsonNode stuck = json.get("partitions").get(1);
    assertThat(stuck.get("partition").asInt()).isEqualTo(1);
    assertThat(stuck.get("log_end").asLong()).isEqualTo(4);
    assertThat(stuck.get("kafka_committed").asLong()).isEqualTo(1);
    assertThat(stuck.get("stored_offset").asLong()).isEqualTo(1);
    assertThat(stuck.get("lag").asLong()).isEqualTo(3);
    assertThat(stuck.get("last_commit_age_seconds").asLong()).isBetween(600L, 660L);
    assertThat(stuck.get("state").asText()).isEqualTo("stuck");
    assertThat(stuck.get("stuck").asBoolean()).isTrue();

    assertThat(broker.committedOffsets(group, topic)).as("read-only: nothing committed")
        .isEqualTo(committedBefore);
  }

  @Test
  void anIdlePartitionThatJustReceivedARecordIsWaitingNotStuck() throws Exception {
    broker.createTopic(topic, 1);
    produce(0, 3);
    store(0, 2, Instant.now().minus(Duration.ofHours(3)));

    assertThat(kup(withDatabase(), "status", "-b", broker.bootstrapServers(), "--group", group,
        "--topic", topic, "--skip-dlq", "--stuck-after", "5m")).isZero();
    assertThat(stdout().lines()).anyMatch(
        l -> l.matches("0 +3 +- +2 +1 +3h ago, oldest record \\d+m?s +waiting"));
  }

  @Test
  void theLagCountsFromTheStoredOffsetWhenKafkasMirrorTrails() throws Exception {
    broker.createTopic(topic, 1);
    produce(0, 5);
    commitToKafka(Map.of(0, 2L));
    store(0, 5, Instant.now().minus(Duration.ofHours(2)));

    assertThat(kup(withDatabase(), "status", "-b", broker.bootstrapServers(), "--group", group,
        "--topic", topic, "--skip-dlq")).isZero();
    assertThat(stdout().lines()).anyMatch(l -> l.matches("0 +5 +2 +5 +0 +2h ago +caught-up"));
  }

  @Test
  void aPartitionKupNeverCommittedIsStuckOnceItsOldestRecordIsOlderThanStuckAfter()
      throws Exception {
    broker.createTopic(topic, 2);
    produceAt(0, Instant.now().minus(Duration.ofHours(1)));
    produceAt(1, Instant.now());

    assertThat(kup(withDatabase(), "status", "-b", broker.bootstrapServers(), "--group", group,
        "--topic", topic, "--skip-dlq", "--stuck-after", "10m")).isEqualTo(3);

    assertThat(stdout().lines())
        .anyMatch(l -> l.matches("0 +1 +- +- +1 +never, oldest record 1h\\d*m? +stuck"));
    assertThat(stdout().lines())
        .anyMatch(l -> l.matches("1 +1 +- +- +1 +never, oldest record \\d+m?s +waiting"));
  }

  @Test
  void countsTheTopicsDeadLettersByReason() throws Exception {
    broker.createTopic(topic, 1);
    broker.createTopic(deadLetters, 2);
    letter(topic, "UNKNOWN_COLUMN");
    letter(topic, "UNKNOWN_COLUMN");
    letter(topic, "VERSION_CONFLICT");
    letter("another-topic", "UNKNOWN_COLUMN");

    assertThat(kup(Map.of("KUP_TOPIC", topic, "KUP_DLQ_TOPIC", deadLetters, "KUP_GROUP_ID", group),
        "status", "-b", broker.bootstrapServers(), "--json")).isZero();
    JsonNode counts = new ObjectMapper().readTree(stdout()).get("dead_letters");
    assertThat(counts.get("topic").asText()).isEqualTo(deadLetters);
    assertThat(counts.get("exists").asBoolean()).isTrue();
    assertThat(counts.get("total").asLong()).isEqualTo(3);
    assertThat(counts.get("by_reason").toString())
        .isEqualTo("{\"UNKNOWN_COLUMN\":2,\"VERSION_CONFLICT\":1}");
    assertThat(counts.get("other_topics").asLong()).isEqualTo(1);

    assertThat(kup(Map.of("KUP_TOPIC", topic, "KUP_DLQ_TOPIC", deadLetters, "KUP_GROUP_ID", group),
        "status", "-b", broker.bootstrapServers())).isZero();
    assertThat(stdout()).contains("dead letters from " + topic + " in " + deadLetters + ": 3")
        .containsPattern("UNKNOWN_COLUMN +2").containsPattern("VERSION_CONFLICT +1");
  }

  @Test
  void withoutADatabaseShowsTheKafkaSideAndTheStoredOffsetsAsUnknown() throws Exception {
    broker.createTopic(topic, 1);
    produce(0, 4);
    commitToKafka(Map.of(0, 1L));

    assertThat(kup(Map.of(), "status", "-b", broker.bootstrapServers(), "--group", group,
        "--topic", topic, "--skip-dlq")).isZero();

    assertThat(stdout().lines()).anyMatch(l -> l.matches("0 +4 +1 +unknown +3 +unknown +unknown"));
    assertThat(stdout()).contains("stored offsets unknown");
  }

  @Test
  void anUnreachableDatabaseExitsOneWithoutItsPassword() throws Exception {
    broker.createTopic(topic, 1);
    Map<String, String> env = Map.of("KUP_DB_URL", "jdbc:postgresql://127.0.0.1:1/test",
        "KUP_DB_USER", "kup", "KUP_DB_PASSWORD", PASSWORD_MARKER);

    assertThat(kup(env, "status", "-b", broker.bootstrapServers(), "--topic", topic,
        "--group", group, "--skip-dlq", "--timeout", "5s")).isEqualTo(1);

    assertThat(stderr()).contains("kup status: cannot read kup_offsets");
    assertThat(stdout() + stderr()).doesNotContain(PASSWORD_MARKER);
  }

  @Test
  void anUnreachableKafkaExitsOne() {
    assertThat(kup(Map.of(), "status", "-b", "127.0.0.1:1", "--topic", topic, "--timeout", "2s"))
        .isEqualTo(1);
    assertThat(stderr()).contains("kup status: Kafka did not answer");
  }

  @Test
  void aTopicThatDoesNotExistIsAUsageError() {
    assertThat(kup(Map.of(), "status", "-b", broker.bootstrapServers(), "--topic", topic))
        .isEqualTo(2);
    assertThat(stderr()).contains("topic '" + topic + "' does not exist");
  }

  private Map<String, String> withDatabase() {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_DB_URL", database.jdbcUrl());
    if (database.user() != null) {
      env.put("KUP_DB_USER", database.user());
    }
    env.put("KUP_DB_PASSWORD", password());
    return env;
  }

  /** The local server trusts any password: a marker then shows none is printed. */
  private String password() {
    return database.password() != null ? database.password() : PASSWORD_MARKER;
  }

  private int kup(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    CommandContext context = new CommandContext(env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), ProducerFactory.kafka());
    return KupCommand.commandLine(context).execute(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void produce(int partition, int count) throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, partition, "accounts:" + i, "{}"))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private void produceAt(int partition, Instant timestamp) throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), "accounts:1",
          "{}")).get(30, TimeUnit.SECONDS);
    }
  }

  private void letter(String originalTopic, String reason) throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      ProducerRecord<String, String> record = new ProducerRecord<>(deadLetters, "accounts:1", "{}");
      record.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC,
          originalTopic.getBytes(StandardCharsets.UTF_8));
      record.headers().add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(0));
      record.headers().add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(7));
      record.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  private void commitToKafka(Map<Integer, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach((p, o) -> commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
    try (Admin admin = Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
    }
  }

  private void store(int partition, long nextOffset, Instant updatedAt) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO kup_offsets (group_id, topic, partition_no, next_offset, updated_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, group);
      insert.setString(2, topic);
      insert.setInt(3, partition);
      insert.setLong(4, nextOffset);
      insert.setObject(5, OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }
}
