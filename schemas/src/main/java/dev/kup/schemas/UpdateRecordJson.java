package dev.kup.schemas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an {@link UpdateRecord} in its wire form: compact UTF-8 JSON with the fields in the order
 * {@code table, key, version, op, set, increment, id, ts}, leaving out what is absent ({@code
 * version}, {@code id}, {@code ts} when null; {@code op} when {@code update}; {@code set} and
 * {@code increment} when empty). {@link UpdateRecordParser} reads the result back into an equal
 * record. Thread-safe.
 */
public final class UpdateRecordJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private UpdateRecordJson() {}

  /**
   * The wire form of a record.
   *
   * @param record non-null
   * @return compact UTF-8 JSON
   */
  public static byte[] toJson(UpdateRecord record) {
    Objects.requireNonNull(record, "record");
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      write(record, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen writing to memory", e);
    }
    return out.toByteArray();
  }

  private static void write(UpdateRecord record, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("table", record.table());
    writeColumns(json, "key", record.key());
    if (record.version() != null) {
      json.writeNumberField("version", record.version());
    }
    if (record.op() != Op.UPDATE) {
      json.writeStringField("op", record.op().wireName());
    }
    if (!record.set().isEmpty()) {
      writeColumns(json, "set", record.set());
    }
    if (!record.increment().isEmpty()) {
      writeColumns(json, "increment", record.increment());
    }
    if (record.id() != null) {
      json.writeStringField("id", record.id());
    }
    if (record.ts() != null) {
      json.writeStringField("ts", record.ts().toString());
    }
    json.writeEndObject();
  }

  private static void writeColumns(JsonGenerator json, String field, Map<String, ?> columns)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, ?> column : columns.entrySet()) {
      json.writeFieldName(column.getKey());
      writeValue(json, column.getValue());
    }
    json.writeEndObject();
  }

  /** Values are already normalized by the record's constructor. */
  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String string) {
      json.writeString(string);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      json.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      json.writeNumber(number);
    } else {
      throw new IllegalStateException("not a wire value: " + value.getClass().getName());
    }
  }
}
