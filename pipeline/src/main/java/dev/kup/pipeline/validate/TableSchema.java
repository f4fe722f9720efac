package dev.kup.pipeline.validate;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.VersionMode;
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
 * @param columns every column by its catalog name
 * @param primaryKey the primary-key columns in key order
 * @param version the optimistic-lock column
 * @param conflictPolicy what to do with conflicts and missing rows
 * @param versionMode what a record's version means for this table
 */
public record TableSchema(
    String name,
    Table<?> table,
    Map<String, ColumnSchema> columns,
    List<ColumnSchema> primaryKey,
    ColumnSchema version,
    ConflictPolicy conflictPolicy,
    VersionMode versionMode) {

  public TableSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    columns = Map.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    Objects.requireNonNull(versionMode, "versionMode");
    if (primaryKey.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " has no primary key");
    }
  }

  /**
   * The column a record names: the one spelled exactly so, else the only one whose name differs
   * in case alone. Records name columns in lower case, while H2 (like the SQL standard) stores
   * unquoted identifiers in upper case; a name matching several columns in case only matches none,
   * and only ASCII letters fold (a Unicode look-alike such as {@code ſtatus} names no column).
   */
  public Optional<ColumnSchema> column(String columnName) {
    return named(columns, columnName);
  }

  /** {@link #column}'s rule, for a catalog still being read. */
  static Optional<ColumnSchema> named(Map<String, ColumnSchema> columns, String columnName) {
    ColumnSchema exact = columns.get(columnName);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<ColumnSchema> folded = columns.values().stream()
        .filter(c -> IdentifierCase.equalIgnoringAsciiCase(c.name(), columnName))
        .limit(2)
        .toList();
    return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
  }

  /** Whether records carry the row's version after the change ({@link VersionMode#EXTERNAL}). */
  public boolean externalVersions() {
    return versionMode == VersionMode.EXTERNAL;
  }

  public boolean isPrimaryKey(ColumnSchema column) {
    return primaryKey.contains(column);
  }
}
