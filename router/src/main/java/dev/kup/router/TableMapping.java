package dev.kup.router;

import dev.kup.schemas.RecordKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How the Debezium change events of one source table become update records.
 *
 * @param sourceTable the table as the event's {@code source} names it: {@code table}, or
 *     qualified {@code schema.table} (or {@code db.table} where the connector has no schema, as
 *     MySQL's); a qualified mapping wins over a bare one. Non-blank
 * @param targetTable the table the update records name; non-blank, no {@code :}
 * @param keyColumns the row's primary-key columns, as the event spells them; at least one, each
 *     once
 * @param version which field becomes the record's version; a version column must not be a key
 *     column
 */
public record TableMapping(
    String sourceTable, String targetTable, List<String> keyColumns, VersionSource version) {

  public TableMapping {
    Objects.requireNonNull(sourceTable, "sourceTable");
    Objects.requireNonNull(targetTable, "targetTable");
    Objects.requireNonNull(version, "version");
    if (sourceTable.isBlank()) {
      throw new IllegalArgumentException("sourceTable must not be blank");
    }
    if (targetTable.isBlank() || targetTable.indexOf(RecordKeys.TABLE_SEPARATOR) >= 0) {
      throw new IllegalArgumentException(
          "targetTable must be non-blank and contain no ':', got '" + targetTable + "'");
    }
    keyColumns = List.copyOf(keyColumns);
    checkKeyColumns(sourceTable, keyColumns, version);
  }

  private static void checkKeyColumns(
      String sourceTable, List<String> keyColumns, VersionSource version) {
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("keyColumns of " + sourceTable + " must name a column");
    }
    if (keyColumns.stream().anyMatch(String::isBlank)
        || new HashSet<>(keyColumns).size() != keyColumns.size()) {
      throw new IllegalArgumentException(
          "keyColumns of " + sourceTable + " must be non-blank and distinct, got " + keyColumns);
    }
    if (version instanceof VersionSource.Column column && keyColumns.contains(column.name())) {
      throw new IllegalArgumentException(
          "the version column of " + sourceTable + " must not be a key column: " + column.name());
    }
  }
}
