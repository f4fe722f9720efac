package dev.kup.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.JsonValues;
import dev.kup.schemas.Op;
import dev.kup.schemas.UpdateRecord;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the payload of a Debezium change event to an update record by its table's {@link
 * TableMapping}: a create ({@code c}), update ({@code u}) or snapshot read ({@code r}) becomes an
 * {@code upsert} setting the non-key columns of {@code after}; a delete ({@code d}) a {@code
 * delete} keyed from {@code before}. The version is the mapping's {@link VersionSource}. Values are
 * taken as the JSON converter wrote them, except that a column holding Debezium's default
 * placeholder for a value it did not read ({@value #UNAVAILABLE_VALUE}, a PostgreSQL TOAST value
 * the update did not change) is left out of {@code set}, so the row keeps what it has. The record
 * is not yet checked against the contract. Immutable and thread-safe.
 */
final class DebeziumMapper {
  /** Debezium's default {@code unavailable.value.placeholder}. */
  static final String UNAVAILABLE_VALUE = "__debezium_unavailable_value";

  private final Map<String, TableMapping> bySourceTable = new HashMap<>();

  DebeziumMapper(List<TableMapping> tables) {
    tables.forEach(table -> bySourceTable.put(table.sourceTable(), table));
  }

  /**
   * @param payload a change event without its schema envelope, with {@code op} and {@code source}
   * @throws RouteRejection when the event cannot become an update record, saying why
   */
  UpdateRecord map(ObjectNode payload) {
    TableMapping table = mappingOf(payload.get("source"));
    String op = text(payload.get("op"));
    if ("d".equals(op)) {
      ObjectNode before = row(payload, "before", op);
      return new UpdateRecord(table.targetTable(), key(table, before, "before"),
          version(table, payload, before, "before"), null, null, Op.DELETE, null, null);
    }
    if ("c".equals(op) || "u".equals(op) || "r".equals(op)) {
      ObjectNode after = row(payload, "after", op);
      return new UpdateRecord(table.targetTable(), key(table, after, "after"),
          version(table, payload, after, "after"), set(table, after), null, Op.UPSERT, null, null);
    }
    throw rejection(DeadLetterReason.SCHEMA_VIOLATION,
        "change event op must be \"c\", \"u\", \"d\" or \"r\", got " + shown(payload.get("op")));
  }

  /** The mapping of {@code schema.table} (or {@code db.table}), else of the bare table. */
  private TableMapping mappingOf(JsonNode source) {
    String table = text(source.get("table"));
    if (table == null || table.isEmpty()) {
      throw rejection(DeadLetterReason.SCHEMA_VIOLATION,
          "change event names no table: 'source.table' must be a non-empty string");
    }
    String schema = text(source.has("schema") ? source.get("schema") : source.get("db"));
    String qualified = schema == null ? table : schema + "." + table;
    TableMapping mapping = bySourceTable.get(qualified);
    if (mapping == null) {
      mapping = bySourceTable.get(table);
    }
    if (mapping == null) {
      throw rejection(DeadLetterReason.UNKNOWN_TABLE,
          "no table mapping for source table '" + qualified + "'");
    }
    return mapping;
  }

  private static ObjectNode row(ObjectNode payload, String field, String op) {
    if (payload.get(field) instanceof ObjectNode row) {
      return row;
    }
    throw rejection(DeadLetterReason.SCHEMA_VIOLATION, "a change event with op \"" + op
        + "\" must carry the row in '" + field + "', got " + shown(payload.get(field)));
  }

  private static Map<String, Object> key(TableMapping table, ObjectNode row, String field) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (String column : table.keyColumns()) {
      JsonNode value = row.get(column);
      if (value == null || value.isNull() || !value.isValueNode()) {
        throw rejection(DeadLetterReason.INVALID_KEY, "key column '" + column + "' of "
            + table.sourceTable() + " must be a string, number or boolean in '" + field
            + "', got " + shown(value));
      }
      key.put(column, JsonValues.scalar(value));
    }
    return key;
  }

  private static long version(
      TableMapping table, ObjectNode payload, ObjectNode row, String field) {
    VersionSource source = table.version();
    JsonNode value = source.find(payload, row);
    BigInteger version = value == null ? null : JsonValues.integral(value);
    if (version == null || version.signum() < 0 || version.bitLength() > 63) {
      String where = source instanceof VersionSource.Column ? " of '" + field + "'" : "";
      throw rejection(DeadLetterReason.SCHEMA_VIOLATION, "the version of " + table.sourceTable()
          + ", " + source.describe() + where + ", must be an integer from 0 to " + Long.MAX_VALUE
          + ", got " + shown(value));
    }
    return version.longValue();
  }

  /** Every column of the row but the key columns, a version column and unavailable values. */
  private static Map<String, Object> set(TableMapping table, ObjectNode after) {
    Map<String, Object> set = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> column : after.properties()) {
      String name = column.getKey();
      JsonNode value = column.getValue();
      if (table.keyColumns().contains(name) || isVersionColumn(table, name)
          || UNAVAILABLE_VALUE.equals(value.textValue())) {
        continue;
      }
      if (!value.isValueNode()) {
        throw rejection(DeadLetterReason.SCHEMA_VIOLATION, "column '" + name + "' of "
            + table.sourceTable() + " holds " + shown(value)
            + ": an update record carries only strings, numbers, booleans and null");
      }
      set.put(name, value.isNull() ? null : JsonValues.scalar(value));
    }
    return set;
  }

  private static boolean isVersionColumn(TableMapping table, String name) {
    return table.version() instanceof VersionSource.Column column && column.name().equals(name);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static String shown(JsonNode value) {
    if (value == null) {
      return "nothing";
    }
    String text = value.toString();
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  private static RouteRejection rejection(DeadLetterReason reason, String message) {
    return new RouteRejection(reason, message);
  }
}
