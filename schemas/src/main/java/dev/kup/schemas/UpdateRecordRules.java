package dev.kup.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The field rules of the update-record contract, applied to a parsed JSON object; the JSON Schema
 * ({@code update-record.schema.json}) states the same rules. Reports the first broken rule, in a
 * fixed order, as a {@link ContractViolation}.
 */
final class UpdateRecordRules {
  static final Set<String> FIELDS =
      Set.of("table", "key", "version", "op", "set", "increment", "id", "ts");

  /** RFC 3339 date-time with seconds and an offset, as the schema's {@code ts} pattern. */
  static final Pattern TIMESTAMP =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?"
              + "(Z|[+-]((0\\d|1[0-7]):[0-5]\\d|18:00))$");

  private static final int MAX_SHOWN = 60;

  private UpdateRecordRules() {}

  static UpdateRecord read(ObjectNode json) {
    rejectUnknownFields(json);
    String table = table(json);
    Map<String, Object> key = key(json);
    Op op = op(json);
    Long version = version(json, op);
    Map<String, Object> set = set(json);
    Map<String, Number> increment = increment(json);
    String id = optionalString(json, "id");
    Instant ts = ts(json);
    checkChanges(op, set, increment);
    return new UpdateRecord(table, key, version, set, increment, op, id, ts);
  }

  /** Only the table and key rules: for routing a record that may break other rules. */
  static String kafkaKey(ObjectNode json) {
    return RecordKeys.kafkaKey(table(json), key(json));
  }

  private static void rejectUnknownFields(ObjectNode json) {
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw violation("unexpected field '%s'", field.getKey());
      }
    }
  }

  private static String table(ObjectNode json) {
    JsonNode table = required(json, "table");
    if (!table.isTextual() || table.textValue().isEmpty()) {
      throw violation("field 'table' must be a non-empty string, got %s", shown(table));
    }
    if (table.textValue().indexOf(RecordKeys.TABLE_SEPARATOR) >= 0) {
      throw violation("field 'table' must not contain ':', got %s", shown(table));
    }
    return table.textValue();
  }

  private static Map<String, Object> key(ObjectNode json) {
    JsonNode key = required(json, "key");
    if (!key.isObject() || key.isEmpty()) {
      throw violation("field 'key' must be a non-empty object, got %s", shown(key));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    forEachColumn(
        "key",
        key,
        (column, value) -> {
          if (!isScalar(value)) {
            throw violation(
                "%s must be a string, number or boolean, got %s",
                where("key", column), shown(value));
          }
          values.put(column, JsonValues.scalar(value));
        });
    return values;
  }

  private static Op op(ObjectNode json) {
    JsonNode op = json.get("op");
    if (op == null) {
      return Op.UPDATE;
    }
    return Op.fromWire(op.isTextual() ? op.textValue() : null)
        .orElseThrow(
            () ->
                violation(
                    "field 'op' must be one of \"update\", \"upsert\", \"delete\", got %s",
                    shown(op)));
  }

  private static Long version(ObjectNode json, Op op) {
    JsonNode version = json.get("version");
    if (version == null) {
      if (op == Op.UPSERT) {
        return null;
      }
      throw violation("missing field 'version', required when op is \"%s\"", op.wireName());
    }
    BigInteger value = JsonValues.integral(version);
    if (value == null || value.signum() < 0) {
      throw violation("field 'version' must be an integer >= 0, got %s", shown(version));
    }
    if (!WireValues.fitsLong(value)) {
      throw violation("field 'version' must be at most %d, got %s", Long.MAX_VALUE, shown(version));
    }
    return value.longValue();
  }

  private static Map<String, Object> set(ObjectNode json) {
    Map<String, Object> values = new LinkedHashMap<>();
    forEachColumn(
        "set",
        optionalObject(json, "set"),
        (column, value) -> {
          if (!value.isNull() && !isScalar(value)) {
            throw violation(
                "%s must be a string, number, boolean or null, got %s",
                where("set", column), shown(value));
          }
          values.put(column, value.isNull() ? null : JsonValues.scalar(value));
        });
    return values;
  }

  private static Map<String, Number> increment(ObjectNode json) {
    Map<String, Number> values = new LinkedHashMap<>();
    forEachColumn(
        "increment",
        optionalObject(json, "increment"),
        (column, value) -> {
          if (!value.isNumber()) {
            throw violation(
                "%s must be a number, got %s", where("increment", column), shown(value));
          }
          values.put(column, (Number) JsonValues.scalar(value));
        });
    return values;
  }

  /** The object in an optional field; an empty object when the field is absent. */
  private static JsonNode optionalObject(ObjectNode json, String field) {
    JsonNode object = json.get(field);
    if (object == null) {
      return json.objectNode();
    }
    if (!object.isObject()) {
      throw violation("field '%s' must be an object, got %s", field, shown(object));
    }
    return object;
  }

  private static void forEachColumn(
      String field, JsonNode object, BiConsumer<String, JsonNode> action) {
    for (Map.Entry<String, JsonNode> column : object.properties()) {
      if (column.getKey().isEmpty()) {
        throw violation("field '%s' has an empty column name", field);
      }
      action.accept(column.getKey(), column.getValue());
    }
  }

  private static String where(String field, String column) {
    return "field '" + field + "." + column + "'";
  }

  private static String optionalString(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw violation("field '%s' must be a string, got %s", field, shown(value));
    }
    return value.textValue();
  }

  private static Instant ts(ObjectNode json) {
    JsonNode ts = json.get("ts");
    if (ts == null) {
      return null;
    }
    Instant instant = ts.isTextual() ? timestamp(ts.textValue()) : null;
    if (instant != null) {
      return instant;
    }
    throw violation(
        "field 'ts' must be an ISO-8601 date-time with seconds and offset"
            + " (e.g. \"2024-05-01T12:00:00Z\"), got %s",
        shown(ts));
  }

  /** The instant a {@code ts} value denotes, or null when it breaks the rule. */
  static Instant timestamp(String text) {
    if (!TIMESTAMP.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null; // e.g. 2024-02-30: matches the pattern but is no date
    }
  }

  static void checkChanges(Op op, Map<String, Object> set, Map<String, Number> increment) {
    if (op == Op.DELETE) {
      if (!set.isEmpty() || !increment.isEmpty()) {
        throw violation("a delete must not carry 'set' or 'increment' columns");
      }
      return;
    }
    if (set.isEmpty() && increment.isEmpty()) {
      throw violation(
          "an %s must change something: 'set' or 'increment' must be a non-empty object",
          op.wireName());
    }
    for (String column : increment.keySet()) {
      if (set.containsKey(column)) {
        throw violation("column '%s' appears in both 'set' and 'increment'", column);
      }
    }
  }

  private static JsonNode required(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null) {
      throw violation("missing field '%s'", field);
    }
    return value;
  }

  private static boolean isScalar(JsonNode value) {
    return value.isTextual() || value.isNumber() || value.isBoolean();
  }

  static String shown(JsonNode value) {
    String text = value.toString();
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }

  private static ContractViolation violation(String format, Object... args) {
    return new ContractViolation(String.format(format, args));
  }
}
