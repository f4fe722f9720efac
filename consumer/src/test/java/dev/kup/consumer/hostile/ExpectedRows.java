package dev.kup.consumer.hostile;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What both tables must hold at the end, computed by the test alone: the rows as they were before
 * the stream, with every valid record's change applied in order. A row only hostile records aim
 * at stays exactly as it was.
 */
final class ExpectedRows {
  private final Map<RowRef, Map<String, String>> rows = new TreeMap<>(
      java.util.Comparator.comparing(RowRef::table).thenComparingLong(RowRef::id));

  ExpectedRows(Map<RowRef, Map<String, String>> before) {
    before.forEach((ref, row) -> rows.put(ref, new LinkedHashMap<>(row)));
  }

  /** The row's version now, as the next valid record must expect it. */
  long version(RowRef ref) {
    return Long.parseLong(row(ref).get("version"));
  }

  /** Applies a valid update: set values (Java values, canonicalised), increments added, version + 1. */
  void apply(RowRef ref, Map<String, ?> set, Map<String, ? extends Number> increment) {
    Map<String, String> row = row(ref);
    set.forEach((column, value) -> row.put(column, HostileTables.canonical(column, value)));
    increment.forEach((column, amount) -> row.put(column, HostileTables.canonical(column,
        new BigDecimal(row.get(column)).add(new BigDecimal(amount.toString())))));
    row.put("version", Long.toString(version(ref) + 1));
  }

  Map<String, String> row(RowRef ref) {
    Map<String, String> row = rows.get(ref);
    if (row == null) {
      throw new IllegalArgumentException("no row " + ref + " in the suite's tables");
    }
    return row;
  }

  Map<RowRef, Map<String, String>> all() {
    return rows;
  }
}
