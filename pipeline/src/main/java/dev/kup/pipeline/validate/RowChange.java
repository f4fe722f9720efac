package dev.kup.pipeline.validate;

import dev.kup.schemas.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A validated change to one row, ready to apply: every name comes from the catalog and every value
 * has its column's type.
 *
 * @param table the target table
 * @param op update, upsert or delete
 * @param key the primary-key values, in the table's key order
 * @param set columns set to a value, in record order
 * @param increments columns incremented by a delta ({@code col = col + delta})
 * @param expectedVersion the record's version: in an expected-version table the version the row
 *     must have now (0 = the row must not exist); in an external-version table the row's version
 *     after the change (see {@link #newVersion()})
 * @param versionAdvance how far the version moves when the change applies: 1, or the length of
 *     a coalesced chain of updates; unused in an external-version table
 */
public record RowChange(
    TableSchema table,
    Op op,
    List<ColumnValue> key,
    List<ColumnValue> set,
    List<ColumnValue> increments,
    long expectedVersion,
    int versionAdvance) {

  public RowChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(op, "op");
    key = List.copyOf(key);
    set = Collections.unmodifiableList(new ArrayList<>(set));
    increments = List.copyOf(increments);
    if (versionAdvance < 1) {
      throw new IllegalArgumentException("versionAdvance must be >= 1");
    }
  }

  /** One change as a record asks for it: the version advances by one. */
  public RowChange(TableSchema table, Op op, List<ColumnValue> key, List<ColumnValue> set,
      List<ColumnValue> increments, long expectedVersion) {
    this(table, op, key, set, increments, expectedVersion, 1);
  }

  /**
   * The version the row has once this change applied: the record's own in an external-version
   * table, else the expected one advanced.
   */
  public long newVersion() {
    return table.externalVersions() ? expectedVersion : expectedVersion + versionAdvance;
  }

  /** Identifies the row: same table and same key values. */
  public RowId rowId() {
    // loops, not streams: called several times per change on the apply path
    return new RowId(table.name(), List.of(values(key)));
  }

  /** Changes of the same shape render the same SQL and can share one JDBC batch. */
  public Shape shape() {
    return new Shape(table.name(), op, List.of(names(set)), List.of(names(increments)));
  }

  /** Whether {@code other} has this change's {@link #shape()}, computed without building it. */
  public boolean hasShapeOf(RowChange other) {
    return op == other.op && table.name().equals(other.table.name())
        && sameNames(set, other.set) && sameNames(increments, other.increments);
  }

  private static boolean sameNames(List<ColumnValue> a, List<ColumnValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).column().name().equals(b.get(i).column().name())) {
        return false;
      }
    }
    return true;
  }

  private static Object[] values(List<ColumnValue> columns) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).value();
    }
    return values;
  }

  private static String[] names(List<ColumnValue> columns) {
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = columns.get(i).column().name();
    }
    return names;
  }

  /** A row's identity within a batch. */
  public record RowId(String table, List<Object> key) {}

  /** The SQL shape of a change: table, operation and the columns it writes. */
  public record Shape(String table, Op op, List<String> setColumns, List<String> incrementColumns) {}
}
