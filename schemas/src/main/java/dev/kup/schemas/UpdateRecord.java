package dev.kup.schemas;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded update record: change the row of {@code table} whose primary key is {@code key}, if
 * it is at {@code version}. See {@code update-record.schema.json} ({@link UpdateRecordSchema}) for
 * the wire form; {@link UpdateRecordParser} enforces it, this record only its types.
 *
 * <p>Value types: in {@code key} and {@code set}, {@link String}, {@link Long} (integers in the
 * long range), {@link java.math.BigInteger} (larger integers), {@link java.math.BigDecimal} (any
 * number with a fraction or exponent), {@link Boolean}, and in {@code set} also {@code null}. In
 * {@code increment}, {@code Long}, {@code BigInteger} or {@code BigDecimal}. The constructor
 * converts other Java numbers into these ({@code int} → {@code Long}, {@code double} → {@code
 * BigDecimal}) so records built in code equal records parsed from JSON.
 *
 * <p>The maps are unmodifiable copies in the given iteration order. Immutable and thread-safe.
 *
 * @param table target table; non-null, non-empty
 * @param key primary-key column → value; non-null, non-empty, values non-null
 * @param version the version the row must be at; null only when absent on the wire (upsert)
 * @param set column → new value; null means empty; values may be null (SQL NULL)
 * @param increment column → amount to add; null means empty
 * @param op what to do; non-null
 * @param id producer-chosen record id, for tracing; nullable
 * @param ts when the producer made the change; nullable
 */
public record UpdateRecord(
    String table,
    Map<String, Object> key,
    Long version,
    Map<String, Object> set,
    Map<String, Number> increment,
    Op op,
    String id,
    Instant ts) {

  public UpdateRecord {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
    if (table.isEmpty()) {
      throw new IllegalArgumentException("table must not be empty");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must name at least one column");
    }
    key = copyKey(key);
    set = copySet(set);
    increment = copyIncrement(increment);
  }

  /**
   * An {@link Op#UPDATE} with nothing to change yet; add changes with {@link #set}/{@link
   * #increment}.
   */
  public static UpdateRecord update(String table, Map<String, ?> key, long version) {
    return of(table, key, version, Op.UPDATE);
  }

  /** An {@link Op#UPSERT} without a version; add changes with {@link #set}/{@link #increment}. */
  public static UpdateRecord upsert(String table, Map<String, ?> key) {
    return of(table, key, null, Op.UPSERT);
  }

  /** An {@link Op#UPSERT} that expects the row, if it exists, at {@code version}. */
  public static UpdateRecord upsert(String table, Map<String, ?> key, long version) {
    return of(table, key, version, Op.UPSERT);
  }

  /** An {@link Op#DELETE} of the row at {@code version}. */
  public static UpdateRecord delete(String table, Map<String, ?> key, long version) {
    return of(table, key, version, Op.DELETE);
  }

  private static UpdateRecord of(String table, Map<String, ?> key, Long version, Op op) {
    return new UpdateRecord(table, new LinkedHashMap<>(key), version, null, null, op, null, null);
  }

  /** A copy of this record that also sets {@code column} to {@code value} (which may be null). */
  public UpdateRecord set(String column, Object value) {
    Map<String, Object> newSet = new LinkedHashMap<>(set);
    newSet.put(column, value);
    return new UpdateRecord(table, key, version, newSet, increment, op, id, ts);
  }

  /** A copy of this record that also adds {@code amount} to {@code column}. */
  public UpdateRecord increment(String column, Number amount) {
    Map<String, Number> newIncrement = new LinkedHashMap<>(increment);
    newIncrement.put(column, amount);
    return new UpdateRecord(table, key, version, set, newIncrement, op, id, ts);
  }

  /** A copy of this record with another id (null to drop it). */
  public UpdateRecord withId(String newId) {
    return new UpdateRecord(table, key, version, set, increment, op, newId, ts);
  }

  /** A copy of this record with another timestamp (null to drop it). */
  public UpdateRecord withTs(Instant newTs) {
    return new UpdateRecord(table, key, version, set, increment, op, id, newTs);
  }

  /** A copy of this record with another version (null to drop it). */
  public UpdateRecord withVersion(Long newVersion) {
    return new UpdateRecord(table, key, newVersion, set, increment, op, id, ts);
  }

  /** The Kafka record key this record must be sent with: {@link RecordKeys#kafkaKey}. */
  public String kafkaKey() {
    return RecordKeys.kafkaKey(table, key);
  }

  private static Map<String, Object> copyKey(Map<String, ?> key) {
    Map<String, Object> copy = new LinkedHashMap<>();
    key.forEach(
        (column, value) -> copy.put(column, WireValues.keyValue(() -> where("key", column), value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, Object> copySet(Map<String, ?> set) {
    if (set == null || set.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    set.forEach(
        (column, value) -> copy.put(column, WireValues.setValue(() -> where("set", column), value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, Number> copyIncrement(Map<String, ? extends Number> increment) {
    if (increment == null || increment.isEmpty()) {
      return Map.of();
    }
    Map<String, Number> copy = new LinkedHashMap<>();
    increment.forEach(
        (column, value) ->
            copy.put(column, WireValues.incrementValue(() -> where("increment", column), value)));
    return Collections.unmodifiableMap(copy);
  }

  private static String where(String field, String column) {
    Objects.requireNonNull(column, () -> field + " has a null column name");
    return field + "." + column;
  }
}
