package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.assertj.core.api.SoftAssertions;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14, class 1: no record can make kup classify an error as fatal. Walks every dead-letter
 * reason code and every SQL shape kup writes (update setting a value, update incrementing one,
 * upsert inserting, upsert updating, delete) through the real service, against a table whose
 * every name needs quoting (quotes, a semicolon, spaces, a reserved word), with each apply
 * strategy. The database refuses rows with integrity and data errors, and a trigger raises
 * class-42 states (syntax error, datatype mismatch) and a custom state for rows carrying certain
 * values: errors that once stopped the service. The service must stay up, dead-letter each
 * hostile record once with its reason, leave its row alone, apply every valid record and catch
 * up.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class EveryReasonEveryShapeIT {
  static final String TABLE = "We\"ird Tab; --";
  static final String KEY = "I d";
  static final String VERSION = "Ver\"sion";
  static final String STATUS = "Sta'tus";
  static final String COUNT = "Co; unt";
  static final String NOTE = "select";

  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  /** One record of the stream: its Kafka position, its row, and the reason it must fail with. */
  record Sent(RecordMetadata at, long row, DeadLetterReason reason, String stage) {}

  @ParameterizedTest(name = "KUP_APPLY_STRATEGY={0}, KUP_COALESCE={1}")
  @CsvSource({"unnest, true", "batch, false"})
  void everyReasonCodeInEveryShapeIsADeadLetterAndNothingStopsTheService(
      String strategy, boolean coalesce) {
    createTable();
    String topic = "every-reason-" + strategy;
    ServiceEnv env = new ServiceEnv(broker, db, topic)
        .with("KUP_TABLES", TABLE)
        .with("KUP_VERSION_COLUMNS", TABLE + ":" + VERSION)
        .with("KUP_APPLY_STRATEGY", strategy)
        .with("KUP_COALESCE", Boolean.toString(coalesce))
        .with("KUP_RETRY_MAX_ATTEMPTS", "2")
        .with("KUP_RETRY_BACKOFF_MAX_MS", "200");
    broker.createTopic(topic, 2);
    Map<Long, Map<String, String>> before = snapshot();
    List<Sent> hostile = new ArrayList<>();
    Map<Long, Map<String, String>> expected = new TreeMap<>(before);

    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), topic)) {
      // before the database: decoding and validation
      hostile.add(raw(p, 1, TABLE + ":1", "{\"table\":", DeadLetterReason.MALFORMED_JSON, "deserialize"));
      hostile.add(raw(p, 2, TABLE + ":2", "{\"table\":" + q(TABLE) + ",\"key\":{" + q(KEY)
          + ":2},\"version\":1,\"sett\":{}}", DeadLetterReason.SCHEMA_VIOLATION, "deserialize"));
      hostile.add(send(p, 3, update(3, 1).set(STATUS, "a").set(STATUS.toUpperCase(), "b"),
          DeadLetterReason.SCHEMA_VIOLATION, "validate"));
      hostile.add(send(p, 4, UpdateRecord.update(TABLE + "'", Map.of(KEY, 4L), 1).set(STATUS, "x"),
          DeadLetterReason.UNKNOWN_TABLE, "validate"));
      hostile.add(send(p, 5, update(5, 1).set(STATUS + "\"; DROP TABLE x; --", "x"),
          DeadLetterReason.UNKNOWN_COLUMN, "validate"));
      hostile.add(send(p, 6, UpdateRecord.update(TABLE, Map.of(KEY + " ", 6L), 1).set(STATUS, "x"),
          DeadLetterReason.INVALID_KEY, "validate"));
      UpdateRecord misKeyed = update(7, 1).set(STATUS, "x");
      hostile.add(new Sent(p.publishRaw(TABLE + ":8", UpdateRecordJson.toJson(misKeyed)), 7,
          DeadLetterReason.KEY_MISMATCH, "validate"));
      hostile.add(send(p, 9, update(9, 1).set(COUNT, "many"), DeadLetterReason.TYPE_MISMATCH, "validate"));
      // conflicts, in each shape that can have one
      hostile.add(send(p, 10, update(10, 4_294_967_297L).set(STATUS, "x"),
          DeadLetterReason.VERSION_CONFLICT, "conflict"));
      hostile.add(send(p, 11, update(11, 3).set(STATUS, "x"), DeadLetterReason.VERSION_CONFLICT, "conflict"));
      hostile.add(send(p, 12, UpdateRecord.delete(TABLE, Map.of(KEY, 12L), 2),
          DeadLetterReason.VERSION_CONFLICT, "conflict"));
      hostile.add(send(p, 900, update(900, 1).set(STATUS, "x"), DeadLetterReason.NOT_FOUND, "conflict"));
      // the database refuses: every shape, integrity, data and unclassified (class 42, custom)
      hostile.add(send(p, 13, update(13, 1).set(STATUS, "bad"),
          DeadLetterReason.CONSTRAINT_VIOLATION, "apply"));
      hostile.add(send(p, 14, update(14, 1).set(NOTE, "raise-42601"), DeadLetterReason.APPLY_FAILED, "apply"));
      hostile.add(send(p, 15, update(15, 1).set(NOTE, "raise-P0001"), DeadLetterReason.APPLY_FAILED, "apply"));
      hostile.add(send(p, 16, update(16, 1).increment(COUNT, 1L), DeadLetterReason.DATA_EXCEPTION, "apply"));
      hostile.add(send(p, 17, update(17, 1).increment(COUNT, -1L),
          DeadLetterReason.CONSTRAINT_VIOLATION, "apply"));
      hostile.add(send(p, 18, update(18, 1).set(NOTE, "raise-42804").increment(COUNT, 1L),
          DeadLetterReason.APPLY_FAILED, "apply"));
      hostile.add(send(p, 901, UpdateRecord.upsert(TABLE, Map.of(KEY, 901L)).set(NOTE, "no status"),
          DeadLetterReason.CONSTRAINT_VIOLATION, "apply"));
      hostile.add(send(p, 902, UpdateRecord.upsert(TABLE, Map.of(KEY, 902L)).set(STATUS, "ok")
          .set(NOTE, "raise-42601"), DeadLetterReason.APPLY_FAILED, "apply"));
      hostile.add(send(p, 19, UpdateRecord.upsert(TABLE, Map.of(KEY, 19L), 1).set(STATUS, "bad"),
          DeadLetterReason.CONSTRAINT_VIOLATION, "apply"));
      hostile.add(send(p, 20, UpdateRecord.upsert(TABLE, Map.of(KEY, 20L), 1).set(NOTE, "raise-42804"),
          DeadLetterReason.APPLY_FAILED, "apply"));
      hostile.add(send(p, 21, UpdateRecord.delete(TABLE, Map.of(KEY, 21L), 1),
          DeadLetterReason.APPLY_FAILED, "apply"));

      // valid records of every shape, on rows of their own, around the hostile ones
      p.publish(update(30, 1).set(STATUS, "set").set(NOTE, "n30"));
      expected.put(30L, row(30, "set", "0", "n30", 2));
      p.publish(update(31, 1).increment(COUNT, 5L));
      p.publish(update(31, 2).increment(COUNT, 2L));
      expected.put(31L, row(31, "new", "7", "note-31", 3));
      p.publish(UpdateRecord.upsert(TABLE, Map.of(KEY, 903L)).set(STATUS, "fresh").set(NOTE, "n903"));
      expected.put(903L, row(903, "fresh", "0", "n903", 1));
      p.publish(UpdateRecord.upsert(TABLE, Map.of(KEY, 32L), 1).set(STATUS, "upserted"));
      expected.put(32L, row(32, "upserted", "0", "note-32", 2));
      p.publish(UpdateRecord.delete(TABLE, Map.of(KEY, 33L), 1));
      expected.remove(33L);
      p.publish(update(34, 1).set(STATUS, "s1"));
      p.publish(update(34, 2).set(STATUS, "s2").set(NOTE, "n34"));
      expected.put(34L, row(34, "s2", "0", "n34", 3));
    }

    SoftAssertions softly = new SoftAssertions();
    try (InProcessService service = InProcessService.start(env)) {
      try {
        Progress.awaitCaughtUp(broker, env.groupId(), topic, Duration.ofMinutes(2));
      } catch (RuntimeException | AssertionError e) {
        softly.fail("did not catch up: " + e.getMessage());
      }
      softly.assertThat(service.isRunning()).as("still running").isTrue();
      softly.assertThat(service.failure()).as("what stopped it").isEmpty();
    }

    Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.readAll(env.deadLetterTopic())) {
      String origin = DeadLetterOrigin.of(r.headers()).map(o -> o.partition() + "@" + o.offset()).orElse("no origin");
      softly.assertThat(letters.put(origin, r)).as("dead-lettered twice: " + origin).isNull();
    }
    softly.assertThat(letters).as("one letter per hostile record").hasSize(hostile.size());
    Set<DeadLetterReason> walked = EnumSet.noneOf(DeadLetterReason.class);
    for (Sent s : hostile) {
      walked.add(s.reason());
      ConsumerRecord<byte[], byte[]> letter = letters.get(s.at().partition() + "@" + s.at().offset());
      softly.assertThat(letter).as("letter of row %d (%s)", s.row(), s.reason()).isNotNull();
      if (letter != null) {
        softly.assertThat(header(letter, DeadLetterHeaders.REASON) + "@"
                + header(letter, DeadLetterHeaders.STAGE))
            .as("row %d: %s", s.row(), header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
            .isEqualTo(s.reason().code() + "@" + s.stage());
      }
    }
    softly.assertThat(walked).as("every reason code is walked")
        .containsExactlyInAnyOrder(DeadLetterReason.values());
    softly.assertThat(snapshot()).as("rows after the stream").isEqualTo(expected);
    softly.assertAll();
  }

  /** Rows 1..40 at version 1; row 16 one below the int range's end, row 21 undeletable. */
  private static void createTable() {
    dsl.execute("DROP TABLE IF EXISTS " + DSL.name(TABLE));
    dsl.execute("CREATE TABLE " + DSL.name(TABLE) + " (" + DSL.name(KEY) + " BIGINT PRIMARY KEY, "
        + DSL.name(VERSION) + " INT NOT NULL, "
        + DSL.name(STATUS) + " VARCHAR(10) NOT NULL CHECK (" + DSL.name(STATUS) + " <> 'bad'), "
        + DSL.name(COUNT) + " INT NOT NULL DEFAULT 0 CHECK (" + DSL.name(COUNT) + " >= 0), "
        + DSL.name(NOTE) + " TEXT)");
    // a row's values raise what no catalog check foresees: class 42 and a custom state
    dsl.execute("""
        CREATE OR REPLACE FUNCTION kup_every_reason_guard() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD."select" = 'undeletable' THEN
              RAISE EXCEPTION 'this row may not go' USING ERRCODE = '42501';
            END IF;
            RETURN OLD;
          END IF;
          IF NEW."select" LIKE 'raise-%' THEN
            RAISE EXCEPTION 'refused by trigger' USING ERRCODE = substr(NEW."select", 7);
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""");
    dsl.execute("CREATE TRIGGER kup_every_reason_guard BEFORE INSERT OR UPDATE OR DELETE ON "
        + DSL.name(TABLE) + " FOR EACH ROW EXECUTE FUNCTION kup_every_reason_guard()");
    for (long id = 1; id <= 40; id++) {
      dsl.execute("INSERT INTO " + DSL.name(TABLE) + " VALUES (?, 1, 'new', ?, ?)", id,
          id == 16 ? Integer.MAX_VALUE : 0, id == 21 ? "undeletable" : "note-" + id);
    }
  }

  private static Map<Long, Map<String, String>> snapshot() {
    Map<Long, Map<String, String>> rows = new TreeMap<>();
    for (Record r : dsl.fetch("SELECT * FROM " + DSL.name(TABLE))) {
      long id = ((Number) r.get(KEY)).longValue();
      rows.put(id, row(id, r.get(STATUS, String.class), String.valueOf(r.get(COUNT)),
          r.get(NOTE, String.class), ((Number) r.get(VERSION)).intValue()));
    }
    return rows;
  }

  private static Map<String, String> row(long id, String status, String count, String note, int version) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(KEY, Long.toString(id));
    row.put(STATUS, status);
    row.put(COUNT, count);
    row.put(NOTE, String.valueOf(note));
    row.put(VERSION, Integer.toString(version));
    return row;
  }

  private static UpdateRecord update(long id, long version) {
    return UpdateRecord.update(TABLE, Map.of(KEY, id), version);
  }

  private static Sent send(TestPublisher p, long row, UpdateRecord r, DeadLetterReason reason, String stage) {
    return new Sent(p.publishRaw(r.kafkaKey(), UpdateRecordJson.toJson(r)), row, reason, stage);
  }

  private static Sent raw(TestPublisher p, long row, String key, String value,
      DeadLetterReason reason, String stage) {
    return new Sent(p.publishRaw(key, value), row, reason, stage);
  }

  private static String q(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
