package dev.kup.localkit.stream;

import dev.kup.schemas.RecordKeys;
import java.util.Map;

/**
 * The rows a generated stream updates: rows {@code 1..rows} of {@code table}, keyed by the one
 * column {@value #KEY_COLUMN}, each at {@code firstVersion} before the stream's first update.
 *
 * @param table the table's name; non-blank
 * @param rows how many rows; at least 1
 * @param firstVersion every row's version before any update
 */
public record TableRows(String table, int rows, long firstVersion) {

  /** The primary-key column of every generated record. */
  public static final String KEY_COLUMN = "id";

  public TableRows {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("table must not be blank");
    }
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, was " + rows);
    }
  }

  /** The contract's key of row {@code id}: {@code {"id": id}}. */
  public static Map<String, Long> key(long id) {
    return Map.of(KEY_COLUMN, id);
  }

  /** The contract's Kafka key of row {@code id}: {@code table:canonical key}. */
  public String kafkaKey(long id) {
    return RecordKeys.kafkaKey(table, key(id));
  }
}
