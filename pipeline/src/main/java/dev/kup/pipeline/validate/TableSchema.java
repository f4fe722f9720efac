package dev.kup.pipeline.validate;

import dev.kup.pipeline.config.ConflictPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Table;

/**
 * An allow-listed table as read from the database catalog once at start.
 *
 * @param name the table name records use
 * @param table the catalog's table (schema-qualified)
 * @param columns every column by name
 * @param primaryKey the primary-key columns in key order
 * @param version the optimistic-lock column
 * @param conflictPolicy what to do with conflicts and missing rows
 */
public record TableSchema(
    String name,
    Table<?> table,
    Map<String, ColumnSchema> columns,
    List<ColumnSchema> primaryKey,
    ColumnSchema version,
    ConflictPolicy conflictPolicy) {

  public TableSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    columns = Map.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    if (primaryKey.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " has no primary key");
    }
  }

  public Optional<ColumnSchema> column(String columnName) {
    return Optional.ofNullable(columns.get(columnName));
  }

  public boolean isPrimaryKey(ColumnSchema column) {
    return primaryKey.contains(column);
  }
}
