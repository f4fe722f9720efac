package dev.kup.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Which field of a Debezium change event becomes the update record's {@code version}: a column
 * of the row, the PostgreSQL log position {@code source.lsn}, or the event's {@code ts_ms}. Each
 * must be an integer from 0 to {@link Long#MAX_VALUE}. Immutable.
 */
public sealed interface VersionSource {
  /** The PostgreSQL connector's log sequence number, {@code source.lsn}. */
  VersionSource SOURCE_LSN = new SourceLsn();

  /** When the connector processed the event, {@code ts_ms} (epoch milliseconds). */
  VersionSource TS_MS = new TsMs();

  /** A column of the row itself; it is then left out of the record's {@code set}. */
  static VersionSource column(String name) {
    return new Column(name);
  }

  /**
   * The field's value in one event, or null when the event lacks it.
   *
   * @param payload the change event without its schema envelope
   * @param row the event's {@code after} (create, update, read) or {@code before} (delete)
   */
  JsonNode find(ObjectNode payload, ObjectNode row);

  /** The field as a dead letter names it: {@code column 'rev'}, {@code source.lsn}. */
  String describe();

  /** @param name the column's name as the change event spells it; non-blank */
  record Column(String name) implements VersionSource {
    public Column {
      Objects.requireNonNull(name, "version column");
      if (name.isBlank()) {
        throw new IllegalArgumentException("version column must not be blank");
      }
    }

    @Override
    public JsonNode find(ObjectNode payload, ObjectNode row) {
      return row.get(name);
    }

    @Override
    public String describe() {
      return "column '" + name + "'";
    }
  }

  /** See {@link #SOURCE_LSN}. */
  record SourceLsn() implements VersionSource {
    @Override
    public JsonNode find(ObjectNode payload, ObjectNode row) {
      return payload.path("source").get("lsn");
    }

    @Override
    public String describe() {
      return "source.lsn";
    }
  }

  /** See {@link #TS_MS}. */
  record TsMs() implements VersionSource {
    @Override
    public JsonNode find(ObjectNode payload, ObjectNode row) {
      return payload.get("ts_ms");
    }

    @Override
    public String describe() {
      return "ts_ms";
    }
  }
}
