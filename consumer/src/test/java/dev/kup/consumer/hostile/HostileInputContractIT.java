package dev.kup.consumer.hostile;

import static dev.kup.consumer.hostile.HostileScenario.set;
import static dev.kup.consumer.hostile.HostileScenario.update;

import dev.kup.consumer.ServiceEnv;
import dev.kup.consumer.hostile.Outcome.Applies;
import dev.kup.consumer.hostile.Outcome.DeadLettered;
import dev.kup.consumer.hostile.Outcome.Verdict;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14's contract for hostile and unusual input, played through the real service against a
 * real broker and database: one test per class of input, its records mixed with valid ones on the
 * same two partitions. Each test asserts that the service stays up and ready, that every hostile
 * record is dead-lettered exactly once with its reason and stage, that no row it aimed at changes
 * (compared in full), that every valid record applies (the final state computed by the test) and
 * that consumer lag reaches 0. Failures are collected and named by case ("[case] ...").
 *
 * <p>Each subclass names one database; the service starts once per test method, on a database of
 * the test's own. The absurd numbers run last: before the fix one of them kept a worker computing
 * for minutes (a thread no test can stop), which would slow every test after it.
 */
@TestMethodOrder(OrderAnnotation.class)
abstract class HostileInputContractIT {
  static final String VALIDATE = "validate";
  static final String DESERIALIZE = "deserialize";
  static final String CONFLICT = "conflict";
  static final String APPLY = "apply";

  private final KafkaBroker broker;

  HostileInputContractIT(KafkaBroker broker) {
    this.broker = broker;
  }

  /**
   * A database of one scenario's own (a record that wedges a transaction must not lock the next
   * test out): its tables, and the service's environment pointing at it.
   */
  record ScenarioDatabase(HostileTables tables, Function<String, ServiceEnv> envForTopic) {}

  /** Creates an empty database (or schema) for the named scenario. */
  abstract ScenarioDatabase freshDatabase(KafkaBroker broker, String scenario);

  /** A short name of the database, to keep topics of the subclasses apart. */
  abstract String database();

  private HostileScenario scenario(String name) {
    ScenarioDatabase db = freshDatabase(broker, name);
    ServiceEnv env = db.envForTopic().apply("hostile-" + database() + "-" + name);
    return new HostileScenario(broker, db.tables(), new ScenarioService(broker, env));
  }

  @Test
  void namesThatResolveToOneColumnAreSchemaViolationsAndNeverStopTheService() {
    HostileScenario s = scenario("one-column");
    addNamesResolvingToOneColumn(s);
    s.run();
  }

  private static void addNamesResolvingToOneColumn(HostileScenario s) {
    Outcome violation = refused(DeadLetterReason.SCHEMA_VIOLATION);
    RowRef r = s.row();
    s.add("1: set status and STATUS", r, set(r, "\"status\":\"a\",\"STATUS\":\"b\""), violation);
    r = s.row();
    s.add("1: set label and Label", r, set(r, "\"label\":\"a\",\"Label\":\"b\""), violation);
    r = s.row();
    s.add("1: set quantity, increment QUANTITY", r,
        update(r, "1", "\"set\":{\"quantity\":5},\"increment\":{\"QUANTITY\":1}"), violation);
    r = s.row();
    s.add("1: increment amount and Amount", r,
        update(r, "1", "\"increment\":{\"amount\":1,\"Amount\":2}"), violation);
  }

  @Test
  void aVersionOrKeyBeyondItsColumnsRangeNeverMatchesAnotherRow() {
    HostileScenario s = scenario("out-of-range");
    for (String version : List.of("4294967297", "2147483648", "9223372036854775807")) {
      RowRef r = s.row();
      s.add("2: version " + version + " for an int version column, row at 1", r,
          update(r, version, "\"set\":{\"status\":\"narrowed\"}"),
          refusedAt(DeadLetterReason.VERSION_CONFLICT, CONFLICT));
    }
    RowRef narrowedTo = new RowRef(HostileTables.SMALL, 1);
    for (String key : List.of("4294967297", "2147483648", "-2147483649")) {
      s.add("2: key " + key + " for an int key column", narrowedTo, HostileTables.SMALL + ":" + key,
          "{\"table\":\"hostile_small\",\"key\":{\"id\":" + key + "},\"version\":1,"
              + "\"set\":{\"note\":\"narrowed\"}}",
          refused(DeadLetterReason.INVALID_KEY));
    }
    s.run();
  }

  @Test
  void valuesThatWouldBeRoundedOrTruncatedAreTypeMismatchesAndExactOnesApplyExactly() {
    HostileScenario s = scenario("rounding");
    refuseValue(s, "3", "amount", "10.005");
    refuseValue(s, "3", "amount", "12345678901234567");
    refuseValue(s, "3", "label", json("abcdefghijk"));
    refuseValue(s, "3", "code", json("abcd"));
    refuseValue(s, "3", "logged_at", json("2026-11-26T10:00:00.123456789"));
    refuseValue(s, "3", "recorded_at", json("2026-11-26T10:00:00.123456789Z"));
    refuseValue(s, "3", "happened_at", json("2026-11-26T10:00:00.1234"));
    refuseValue(s, "3", "ratio", "1e400");
    refuseValue(s, "3", "ratio", "0.1000000000000000000001");
    refuseValue(s, "3", "score", "1e39");
    RowRef r = s.row();
    s.add("3: increment amount by 0.005", r, update(r, "1", "\"increment\":{\"amount\":0.005}"),
        refused(DeadLetterReason.TYPE_MISMATCH, "amount"));
    applyValue(s, "3", "ratio", "0.1", 0.1d);
    applyValue(s, "3", "amount", "10.01", new BigDecimal("10.01"));
    applyValue(s, "3", "amount", "9999999999999999.99", new BigDecimal("9999999999999999.99"));
    applyValue(s, "3", "label", json("abcdefghij"), "abcdefghij");
    applyValue(s, "3", "code", json("xyz"), "xyz");
    applyValue(s, "3", "score", "1.5", 1.5f);
    applyValue(s, "3", "happened_at", json("2026-11-26T10:00:00.123"),
        LocalDateTime.parse("2026-11-26T10:00:00.123"));
    applyValue(s, "3", "logged_at", json("2026-11-26T10:00:00.123456"),
        LocalDateTime.parse("2026-11-26T10:00:00.123456"));
    applyValue(s, "3", "recorded_at", json("2026-11-26T10:00:00.123456Z"),
        Instant.parse("2026-11-26T10:00:00.123456Z"));
    s.run();
  }

  @Test
  void numericStringsApplyWhenPlainAndExactAndAreTypeMismatchesOtherwise() {
    HostileScenario s = scenario("numeric-strings");
    applyValue(s, "4", "amount", json("91497.32"), new BigDecimal("91497.32"));
    applyValue(s, "4", "total", json("12"), 12L);
    applyValue(s, "4", "quantity", json("12"), 12);
    applyValue(s, "4", "total", json("-3"), -3L);
    for (String text : List.of("1e3", " 12", "NaN", "0x10", "12,5", "\u0661\u0662")) {
      for (String column : List.of("amount", "total", "quantity", "ratio")) {
        refuseValue(s, "4", column, json(text));
      }
    }
    s.run();
  }

  /** Class 5: one record, a letter the DLQ topic cannot take whole. */
  @Test
  void aDeadLetterTooLargeForItsTopicIsWrittenWithoutItsValue() {
    HostileScenario s = scenario("letter-size");
    s.deadLetterTopicConfig("max.message.bytes", "4096");
    RowRef r = s.row();
    s.add("5: a 10 KB record setting an unknown column", r,
        set(r, "\"no_such_column\":" + json("x".repeat(10_000))),
        new DeadLettered(Set.of(new Verdict(DeadLetterReason.UNKNOWN_COLUMN.code(), VALIDATE)),
            List.of(), List.of(), true));
    s.run();
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void absurdNumbersAreRefusedAtOnce() {
    HostileScenario s = scenario("absurd-numbers");
    Outcome refusedOnce = new DeadLettered(Set.of(
        new Verdict(DeadLetterReason.TYPE_MISMATCH.code(), VALIDATE),
        new Verdict(DeadLetterReason.MALFORMED_JSON.code(), DESERIALIZE),
        new Verdict(DeadLetterReason.SCHEMA_VIOLATION.code(), DESERIALIZE)), List.of(), List.of(),
        false);
    String digits = "9".repeat(50_000);
    for (String number : List.of("1e300000000", "1e-300000000", "-1e300000000", digits)) {
      for (String column : List.of("total", "quantity", "amount", "ratio", "score")) {
        RowRef r = s.row();
        s.add("6: " + shown(number) + " into " + column, r, set(r, json(column) + ":" + number),
            refusedOnce);
      }
    }
    RowRef r = s.row();
    s.add("6: increment amount by 1e300000000", r,
        update(r, "1", "\"increment\":{\"amount\":1e300000000}"), refusedOnce);
    s.run();
  }

  @Test
  void aConstraintViolationsDeadLetterCarriesNoCopyOfTheRow() {
    HostileScenario s = scenario("row-copy");
    for (String status : List.of("null", json("bad-status"))) {
      RowRef r = s.row();
      s.add("9: status " + status + " breaks NOT NULL / CHECK", r, set(r, "\"status\":" + status),
          new DeadLettered(
              Set.of(new Verdict(DeadLetterReason.CONSTRAINT_VIOLATION.code(), APPLY)), List.of(),
              List.of("Failing row contains", HostileTables.secretNote(r.id())), false));
    }
    s.run();
  }

  @Test
  void hostileTableAndColumnNamesNeverReachSql() {
    HostileScenario s = scenario("names");
    for (String table : List.of("hostile_rows\"; DROP TABLE hostile_rows; --", "hostile_rows'",
        "hostile_rows;", "\"hostile_rows\"", "host\u0456le_rows", "hostile_rows ", "t".repeat(10_000))) {
      RowRef r = s.row();
      s.add("names: table " + shown(table), r, table + ":" + r.id(), "{\"table\":" + json(table)
          + ",\"key\":{\"id\":" + r.id() + "},\"version\":1,\"set\":{\"status\":\"x\"}}",
          refused(DeadLetterReason.UNKNOWN_TABLE));
    }
    for (String column : List.of("status\"; DROP TABLE hostile_rows; --", "\"status\"", "status'",
        "status;", "\u0455tatus", "\u017Ftatus", "status\u0000", "status ", "hostile_rows.status",
        "c".repeat(10_000))) {
      RowRef r = s.row();
      s.add("names: set column " + shown(column), r, set(r, json(column) + ":\"x\""),
          refused(DeadLetterReason.UNKNOWN_COLUMN));
      r = s.row();
      s.add("names: increment column " + shown(column), r,
          update(r, "1", "\"increment\":{" + json(column) + ":1}"),
          refused(DeadLetterReason.UNKNOWN_COLUMN));
    }
    for (String column : List.of("id\"; DROP TABLE hostile_rows; --", "\u0456d", "i".repeat(10_000))) {
      RowRef r = s.row();
      s.add("names: key column " + shown(column), r, HostileTables.ROWS + ":" + r.id(),
          "{\"table\":\"hostile_rows\",\"key\":{" + json(column) + ":" + r.id()
              + "},\"version\":1,\"set\":{\"status\":\"x\"}}",
          refused(DeadLetterReason.INVALID_KEY));
    }
    s.run();
  }

  /** A record setting {@code column} to {@code value} (JSON text) on a fresh row: TYPE_MISMATCH. */
  private static void refuseValue(HostileScenario s, String caseNo, String column, String value) {
    RowRef r = s.row();
    s.add(caseNo + ": " + shown(value) + " into " + column, r, set(r, json(column) + ":" + value),
        refused(DeadLetterReason.TYPE_MISMATCH, column));
  }

  /** A record setting {@code column} to {@code value} (JSON text): it applies, exactly. */
  private static void applyValue(
      HostileScenario s, String caseNo, String column, String value, Object stored) {
    RowRef r = s.row();
    s.add(caseNo + " (valid): " + shown(value) + " into " + column + " applies exactly", r,
        set(r, json(column) + ":" + value), applies(column, stored));
  }

  // -- helpers -------------------------------------------------------------------------------

  static Outcome refused(DeadLetterReason reason, String... mentions) {
    return refusedAt(reason, VALIDATE, mentions);
  }

  static Outcome refusedAt(DeadLetterReason reason, String stage, String... mentions) {
    return new DeadLettered(Set.of(new Verdict(reason.code(), stage)), List.of(mentions), List.of(),
        false);
  }

  static Outcome applies(String column, Object value) {
    return new Applies(Map.of(column, value));
  }

  /** Text for a case's name: non-ASCII as escapes (a look-alike shows), long text cut. */
  static String shown(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.substring(0, Math.min(text.length(), 40)).toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return text.length() <= 40 ? out.toString() : out + "...(" + text.length() + " chars)";
  }

  /** {@code "name"} as a JSON string, for names and values that must reach kup as written. */
  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
