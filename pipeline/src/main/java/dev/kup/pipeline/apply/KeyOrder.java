package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which a set-based statement sends its rows: by primary key, so PostgreSQL looks
 * the rows up in index order, which costs it less CPU per row than arrival order
 * (docs/performance.md). Only for rows that are all distinct — one statement, one wave — where
 * the order cannot change the outcome.
 */
final class KeyOrder {
  private KeyOrder() {}

  /**
   * Positions into {@code changes}, sorted by key value, column by column; arrival order where the
   * keys are equal or not comparable (the positions are then returned as they are).
   */
  static int[] of(List<RowChange> changes) {
    int n = changes.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Comparable<Object>[][] keys = keyValues(changes);
    if (keys != null) {
      Arrays.sort(order, (a, b) -> compare(keys[a], keys[b]));
    }
    int[] positions = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = order[i];
    }
    return positions;
  }

  /**
   * Each change's key values, taken out once so that sorting compares arrays; null if any is not
   * comparable.
   */
  @SuppressWarnings("unchecked")
  private static Comparable<Object>[][] keyValues(List<RowChange> changes) {
    Comparable<Object>[][] keys = new Comparable[changes.size()][];
    for (int i = 0; i < keys.length; i++) {
      List<ColumnValue> key = changes.get(i).key();
      keys[i] = new Comparable[key.size()];
      for (int c = 0; c < key.size(); c++) {
        if (!(key.get(c).value() instanceof Comparable<?> value)) {
          return null;
        }
        keys[i][c] = (Comparable<Object>) value;
      }
    }
    return keys;
  }

  private static int compare(Comparable<Object>[] a, Comparable<Object>[] b) {
    for (int c = 0; c < a.length; c++) {
      // one table's key column holds one Java type, so the values compare with each other
      int result = a[c].compareTo(b[c]);
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }
}
