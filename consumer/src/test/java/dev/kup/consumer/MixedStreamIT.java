package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Good and bad records interleaved: every good one applies, every bad one is dead-lettered once. */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class MixedStreamIT {
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  /** What the test expects the DLQ to say about one bad record. */
  record Expected(RecordMetadata at, byte[] key, byte[] value, String stage, String reason, String sqlState) {}

  @Test
  void deadLettersEveryBadRecordOnceWithItsStageReasonAndOriginAndAppliesEveryGoodOne() {
    AccountsModel model = new AccountsModel(100);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "mixed");
    broker.createTopic(env.topic(), 3);
    List<Expected> bad = new ArrayList<>();
    Random random = new Random(3);

    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      goodBurst(p, model, random);
      bad.add(raw(p, "accounts:91", "{\"table\":\"accounts\",\"key\":{\"id\":91", "deserialize", "MALFORMED_JSON"));
      bad.add(raw(p, "accounts:92", "{\"table\":\"accounts\",\"key\":{\"id\":92},\"version\":1,\"sett\":{\"status\":\"x\"}}",
          "deserialize", "SCHEMA_VIOLATION"));
      bad.add(raw(p, "accounts:93", (byte[]) null, "deserialize", "MALFORMED_JSON"));
      goodBurst(p, model, random);
      bad.add(record(p, UpdateRecord.update("users", Map.of("id", 1L), 1).set("name", "x"), "validate", "UNKNOWN_TABLE", null));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 94L), 1).set("colour", "red"), "validate", "UNKNOWN_COLUMN", null));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 95L), 1).set("points", "many"), "validate", "TYPE_MISMATCH", null));
      UpdateRecord misKeyed = UpdateRecord.update("accounts", Map.of("id", 96L), 1).set("status", "x");
      bad.add(raw(p, "accounts:1", UpdateRecordJson.toJson(misKeyed), "validate", "KEY_MISMATCH"));
      goodBurst(p, model, random);
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 97L), 1).set("status", null), "apply", "CONSTRAINT_VIOLATION", "23502"));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 98L), 1).set("balance", new BigDecimal("-5")), "apply", "CONSTRAINT_VIOLATION", "23514"));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 99L), 1).set("status", "x".repeat(40)), "validate", "TYPE_MISMATCH", null));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 90L), 1).set("updated_at", "+294277-01-01T00:00:00Z"), "apply", "DATA_EXCEPTION", "22008"));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 5L), 0).set("status", "stale"), "conflict", "VERSION_CONFLICT", null));
      bad.add(record(p, UpdateRecord.update("accounts", Map.of("id", 100_000L), 1).set("status", "ghost"), "conflict", "NOT_FOUND", null));
      goodBurst(p, model, random);
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
    }

    assertThat(model.differences(dsl)).isEmpty();
    List<ConsumerRecord<byte[], byte[]>> dlq = broker.readAll(env.deadLetterTopic());
    assertThat(dlq).hasSize(bad.size());
    Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : dlq) {
      String origin = DeadLetterOrigin.of(r.headers()).map(o -> o.partition() + "@" + o.offset()).orElse("no origin");
      assertThat(byOrigin.put(origin, r)).as("dead-lettered twice: %s", origin).isNull();
    }
    for (Expected e : bad) {
      ConsumerRecord<byte[], byte[]> r = byOrigin.get(e.at().partition() + "@" + e.at().offset());
      assertThat(r).as("dead letter of %s %s", e.reason(), e.at()).isNotNull();
      assertThat(r.key()).isEqualTo(e.key());
      assertThat(r.value()).isEqualTo(e.value());
      assertThat(header(r, DeadLetterHeaders.STAGE)).as("stage of %s", e.reason()).isEqualTo(e.stage());
      assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo(e.reason());
      assertThat(header(r, DeadLetterHeaders.SQLSTATE)).isEqualTo(e.sqlState());
      assertThat(header(r, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(env.topic());
      assertThat(header(r, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP)).isEqualTo(env.groupId());
      assertThat(DeadLetterOrigin.of(r.headers())).contains(new DeadLetterOrigin(
          env.topic(), e.at().partition(), e.at().offset(), e.at().timestamp()));
      assertThat(r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TIMESTAMP).value())
          .as("Spring's encoding").isEqualTo(DeadLetterHeaders.springLong(e.at().timestamp()));
      assertThat(header(r, DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP)).isEqualTo(Long.toString(e.at().timestamp()));
      assertThat(header(r, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE)).isEqualTo("CreateTime");
      assertThat(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE)).isNotBlank();
      assertThat(header(r, DeadLetterHeaders.EXCEPTION_FQCN)).isNotBlank();
      assertThat(header(r, DeadLetterHeaders.TRACE_ID)).matches("[0-9a-f]{32}");
      assertThat(header(r, DeadLetterHeaders.FAILED_AT)).isNotBlank();
    }
  }

  @Test
  void skipsConflictsWhenTheTablePolicySaysSo() {
    AccountsModel model = new AccountsModel(10);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "mixed-skip").with("KUP_CONFLICT_POLICIES", "accounts:skip");
    broker.createTopic(env.topic(), 1);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      p.publish(model.updateOf(1, 5, "fresh"));
      p.publish(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("status", "stale"));
      p.publish(UpdateRecord.update("accounts", Map.of("id", 77L), 1).set("status", "ghost"));
      p.publish(model.updateOf(2, 1, "fresh"));
    }

    try (InProcessService service = InProcessService.start(env)) {
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
    }

    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(env.deadLetterTopic())).isEmpty();
  }

  private static void goodBurst(TestPublisher p, AccountsModel model, Random random) {
    List<UpdateRecord> good = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // rows 1..80 only: rows 91..100 belong to the bad records
      good.add(model.updateOf(1 + random.nextInt(80), 1 + random.nextInt(5), "g" + i));
    }
    p.publish(good);
  }

  private static Expected record(TestPublisher p, UpdateRecord r, String stage, String reason, String sqlState) {
    byte[] value = UpdateRecordJson.toJson(r);
    RecordMetadata at = p.publishRaw(r.kafkaKey(), value);
    return new Expected(at, r.kafkaKey().getBytes(StandardCharsets.UTF_8), value, stage, reason, sqlState);
  }

  private static Expected raw(TestPublisher p, String key, String value, String stage, String reason) {
    return raw(p, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), stage, reason);
  }

  private static Expected raw(TestPublisher p, String key, byte[] value, String stage, String reason) {
    RecordMetadata at = p.publishRaw(key, value);
    return new Expected(at, key.getBytes(StandardCharsets.UTF_8), value, stage, reason, null);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
