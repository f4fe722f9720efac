package dev.kup.consumer.hostile;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * The two tables of the hostile-input suite, created alike on PostgreSQL and H2, and full-row
 * snapshots of them in one canonical text per value, so that rows compare exactly (a rounded
 * decimal, a clipped fraction of a second or a float that turned infinite all show).
 *
 * <p>{@code hostile_rows} has a {@code bigint} key, an {@code int} version (4 bytes: a wider
 * version must not be narrowed into it) and a column of every type the cases aim at; {@code
 * hostile_small} has an {@code int} key (a wider key must not be narrowed into it).
 */
final class HostileTables {
  static final String ROWS = "hostile_rows";
  static final String SMALL = "hostile_small";
  /** Every row's {@code recorded_at} at first, bound as a value so each database reads it alike. */
  private static final Timestamp INITIAL_INSTANT = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
  /** Canonical text of SQL NULL. */
  static final String NULL = "<null>";

  /** How a column's values compare: each kind has one canonical text. */
  enum Kind { NUMBER, DOUBLE, REAL, TEXT, LOCAL_TIME, INSTANT }

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("id", Kind.NUMBER), Map.entry("version", Kind.NUMBER),
      Map.entry("quantity", Kind.NUMBER), Map.entry("total", Kind.NUMBER),
      Map.entry("amount", Kind.NUMBER), Map.entry("ratio", Kind.DOUBLE),
      Map.entry("score", Kind.REAL), Map.entry("label", Kind.TEXT), Map.entry("code", Kind.TEXT),
      Map.entry("happened_at", Kind.LOCAL_TIME), Map.entry("logged_at", Kind.LOCAL_TIME),
      Map.entry("recorded_at", Kind.INSTANT), Map.entry("note", Kind.TEXT),
      Map.entry("status", Kind.TEXT));

  private final DSLContext dsl;
  private final String unboundedText;

  private final String zonedTimestamp;
  private final String singleFloat;

  /** @param unboundedText the database's type for text of any length ({@code text}, {@code varchar}) */
  HostileTables(DSLContext dsl, String unboundedText) {
    this(dsl, unboundedText, "TIMESTAMP(6) WITH TIME ZONE", "REAL");
  }

  /**
   * @param zonedTimestamp the database's type for an instant ({@code TIMESTAMP(6)} on MariaDB,
   *     which keeps it in UTC)
   * @param singleFloat the database's 4-byte float ({@code FLOAT} on MariaDB, where {@code REAL}
   *     is a double)
   */
  HostileTables(DSLContext dsl, String unboundedText, String zonedTimestamp, String singleFloat) {
    this.dsl = dsl;
    this.unboundedText = unboundedText;
    this.zonedTimestamp = zonedTimestamp;
    this.singleFloat = singleFloat;
  }

  /** The note every row starts with: a value no dead letter may echo. */
  static String secretNote(long id) {
    return "note-secret-" + id + "-7f3a";
  }

  /** (Re)creates both tables, rows 1..rows and 1..smallRows, all at version 1. */
  void create(long rows, long smallRows) {
    dsl.execute("DROP TABLE IF EXISTS " + ROWS);
    dsl.execute("DROP TABLE IF EXISTS " + SMALL);
    dsl.execute("""
        CREATE TABLE hostile_rows (
          id BIGINT PRIMARY KEY,
          quantity INT NOT NULL DEFAULT 0,
          total BIGINT NOT NULL DEFAULT 0,
          version INT NOT NULL,
          amount NUMERIC(18,2) NOT NULL DEFAULT 0,
          ratio DOUBLE PRECISION,
          score %s,
          label VARCHAR(10),
          code CHAR(3),
          happened_at TIMESTAMP(3),
          logged_at TIMESTAMP(6),
          recorded_at %s,
          note %s,
          status VARCHAR(20) NOT NULL CHECK (status NOT LIKE 'bad%%'))""".formatted(singleFloat,
        zonedTimestamp, unboundedText));
    dsl.execute("CREATE TABLE hostile_small (id INT PRIMARY KEY, version INT NOT NULL, note "
        + unboundedText + ")");
    insertRows("INSERT INTO hostile_rows (id, version, ratio, score, label, code, happened_at,"
        + " logged_at, recorded_at, note, status) VALUES (?, 1, 0.5, 0.5, 'init', 'ini',"
        + " TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:00',"
        + " ?, ?, 'new')", rows);
    insert("INSERT INTO hostile_small (id, version, note) VALUES (?, 1, ?)", smallRows);
  }

  private void insert(String sql, long rows) {
    BatchBindStep batch = dsl.batch(dsl.query(sql, null, null));
    for (long id = 1; id <= rows; id++) {
      batch.bind(id, secretNote(id));
    }
    batch.execute();
  }

  private void insertRows(String sql, long rows) {
    BatchBindStep batch = dsl.batch(dsl.query(sql, null, null, null));
    for (long id = 1; id <= rows; id++) {
      batch.bind(id, INITIAL_INSTANT, secretNote(id));
    }
    batch.execute();
  }

  /** Every row of both tables: column (lower case) → canonical text, ordered by row. */
  Map<RowRef, Map<String, String>> snapshot() {
    Map<RowRef, Map<String, String>> rows = new TreeMap<>(
        java.util.Comparator.comparing(RowRef::table).thenComparingLong(RowRef::id));
    for (String table : new String[] {ROWS, SMALL}) {
      for (Record r : dsl.fetch("SELECT * FROM " + table)) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Field<?> f : r.fields()) {
          String column = f.getName().toLowerCase(Locale.ROOT);
          row.put(column, canonical(column, r.get(f)));
        }
        rows.put(new RowRef(table, Long.parseLong(row.get("id"))), row);
      }
    }
    return rows;
  }

  /** The canonical text of a value of the column, read from the database or expected by a test. */
  static String canonical(String column, Object value) {
    if (value == null) {
      return NULL;
    }
    Kind kind = KINDS.get(column);
    if (kind == null) {
      throw new IllegalArgumentException("no such column in the suite's tables: " + column);
    }
    return switch (kind) {
      case NUMBER -> new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
      case DOUBLE -> Double.toString(((Number) value).doubleValue());
      case REAL -> Float.toString(((Number) value).floatValue());
      case TEXT -> value.toString();
      case LOCAL_TIME -> (value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value)
          .toString();
      case INSTANT -> instant(value).toString();
    };
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof LocalDateTime t) { // MariaDB's TIMESTAMP, read in the JVM's zone as written
      return t.atZone(java.time.ZoneId.systemDefault()).toInstant();
    }
    return (Instant) value;
  }
}
