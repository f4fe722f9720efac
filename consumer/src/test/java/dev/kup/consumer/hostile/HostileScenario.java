package dev.kup.consumer.hostile;

import static dev.kup.consumer.hostile.HostileTables.ROWS;
import static dev.kup.consumer.hostile.HostileTables.SMALL;

import dev.kup.consumer.hostile.Outcome.Applies;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;

/**
 * One class of hostile input, planned and then played through the real service: every planned
 * record (hostile, or a valid edge case) is published between bursts of valid random updates on
 * the same two partitions, a row's records always on one partition; then the service runs until
 * it has caught up, and {@link ScenarioVerdicts} checks letters and rows. Not thread-safe.
 */
final class HostileScenario {
  static final int PARTITIONS = 2;
  /** hostile_rows 1..VALID_ROWS take the valid random updates; planned cases get rows above. */
  static final int VALID_ROWS = 20;
  /** hostile_small 2..SMALL_ROWS take valid updates; row 1 is what a narrowed key would hit. */
  static final int SMALL_ROWS = 5;
  private static final int FIRST_CASE_ROW = 101;
  private static final int VALID_PER_CASE = 2;

  /** A record of the plan; outcome null for a valid random update. */
  record Planned(String name, RowRef target, String kafkaKey, byte[] value, Outcome outcome) {}

  /** A planned record as published: where it landed. */
  record Sent(Planned planned, RecordMetadata at) {
    String origin() {
      return at.partition() + "@" + at.offset();
    }
  }

  private final KafkaBroker broker;
  private final HostileTables tables;
  private final ScenarioService service;
  private final List<Planned> plan = new ArrayList<>();
  private final Random random = new Random(14);
  private final Map<String, String> deadLetterTopicConfig = new LinkedHashMap<>();
  private long nextRow = FIRST_CASE_ROW;
  private int validCount;

  HostileScenario(KafkaBroker broker, HostileTables tables, ScenarioService service) {
    this.broker = broker;
    this.tables = tables;
    this.service = service;
  }

  /** A fresh row of hostile_rows, at version 1, that only this case aims at. */
  RowRef row() {
    return new RowRef(ROWS, nextRow++);
  }

  /** The record's JSON: an update of {@code target} expecting {@code version}, with the given
   *  {@code "set":{...}} / {@code "increment":{...}} members (raw JSON text, kept exactly). */
  static String update(RowRef target, String version, String changes) {
    return "{\"table\":\"" + target.table() + "\",\"key\":{\"id\":" + target.id()
        + "},\"version\":" + version + "," + changes + "}";
  }

  /** An update of {@code target} at version 1 setting the given members of {@code set}. */
  static String set(RowRef target, String setMembers) {
    return update(target, "1", "\"set\":{" + setMembers + "}");
  }

  /** Plans a record keyed as the contract says for its target row. */
  void add(String name, RowRef target, String json, Outcome outcome) {
    add(name, target, target.table() + ":" + target.id(), json, outcome);
  }

  void add(String name, RowRef target, String kafkaKey, String json, Outcome outcome) {
    plan.add(new Planned(name, target, kafkaKey, json.getBytes(StandardCharsets.UTF_8), outcome));
  }

  /** Runs the service with this setting ({@code KUP_*}) too. */
  void serviceSetting(String name, String value) {
    service.env().with(name, value);
  }

  /** Creates the dead-letter topic with these topic configs before the service starts. */
  void deadLetterTopicConfig(String name, String value) {
    deadLetterTopicConfig.put(name, value);
  }

  /** Plays the plan through the service and asserts the contract for every record. */
  void run() {
    tables.create(nextRow - 1, SMALL_ROWS);
    ExpectedRows expected = new ExpectedRows(tables.snapshot());
    createTopics();
    List<Sent> sent = publish(expected);
    SoftAssertions softly = new SoftAssertions();
    service.runUntilCaughtUp(softly);
    ScenarioVerdicts verdicts = new ScenarioVerdicts(softly, sent);
    verdicts.checkDeadLetters(broker.readAll(service.env().deadLetterTopic()));
    verdicts.checkRows(expected, tables.snapshot());
    softly.assertAll();
  }

  private void createTopics() {
    broker.createTopic(service.env().topic(), PARTITIONS);
    if (deadLetterTopicConfig.isEmpty()) {
      return;
    }
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic(service.env().deadLetterTopic(), PARTITIONS, (short) 1)
          .configs(deadLetterTopicConfig))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the dead-letter topic", e);
    }
  }

  private List<Sent> publish(ExpectedRows expected) {
    List<Planned> stream = new ArrayList<>();
    for (Planned p : plan) {
      for (int i = 0; i < VALID_PER_CASE; i++) {
        stream.add(nextValid(expected));
      }
      if (p.outcome() instanceof Applies applies) {
        expected.apply(p.target(), applies.columns(), Map.of());
      }
      stream.add(p);
    }
    for (int i = 0; i < 10; i++) {
      stream.add(nextValid(expected));
    }
    return send(stream);
  }

  private List<Sent> send(List<Planned> stream) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (Planned p : stream) {
        int partition = (int) (p.target().id() % PARTITIONS);
        acks.add(producer.send(new ProducerRecord<>(service.env().topic(), partition,
            p.kafkaKey().getBytes(StandardCharsets.UTF_8), p.value())));
      }
      List<Sent> sent = new ArrayList<>();
      for (int i = 0; i < stream.size(); i++) {
        sent.add(new Sent(stream.get(i), acks.get(i).get()));
      }
      return sent;
    } catch (Exception e) {
      throw new IllegalStateException("publishing the scenario failed", e);
    }
  }

  /** A valid random update (recorded in the model): mostly hostile_rows, every fifth hostile_small. */
  private Planned nextValid(ExpectedRows expected) {
    int seq = validCount++;
    if (seq % 5 == 4) {
      RowRef ref = new RowRef(SMALL, 2 + random.nextInt(SMALL_ROWS - 1));
      UpdateRecord r = UpdateRecord.update(SMALL, Map.of("id", ref.id()), expected.version(ref))
          .set("note", "s" + seq);
      expected.apply(ref, r.set(), r.increment());
      return valid(ref, r);
    }
    RowRef ref = new RowRef(ROWS, 1 + random.nextInt(VALID_ROWS));
    UpdateRecord r = UpdateRecord.update(ROWS, Map.of("id", ref.id()), expected.version(ref))
        .set("label", "v" + seq).set("status", "ok-" + seq).set("note", "n" + seq)
        .increment("quantity", 1L + random.nextInt(3)).increment("amount", new BigDecimal("1.25"));
    expected.apply(ref, r.set(), r.increment());
    return valid(ref, r);
  }

  private static Planned valid(RowRef ref, UpdateRecord r) {
    return new Planned(null, ref, r.kafkaKey(), UpdateRecordJson.toJson(r), null);
  }
}
