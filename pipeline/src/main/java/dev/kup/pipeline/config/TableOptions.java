package dev.kup.pipeline.config;

import java.util.Objects;

/**
 * How one allow-listed table is written.
 *
 * @param name the table name exactly as records spell it and the catalog holds it
 * @param versionColumn the optimistic-lock column ({@value #DEFAULT_VERSION_COLUMN} unless configured)
 * @param conflictPolicy what to do with version conflicts and missing rows
 * @param versionMode what a record's version means ({@link VersionMode#EXPECTED} unless configured)
 */
public record TableOptions(
    String name, String versionColumn, ConflictPolicy conflictPolicy, VersionMode versionMode) {
  public static final String DEFAULT_VERSION_COLUMN = "version";

  public TableOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(versionColumn, "versionColumn");
    Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    Objects.requireNonNull(versionMode, "versionMode");
    if (name.isBlank()) {
      throw new IllegalArgumentException("table name must not be blank");
    }
  }

  public static TableOptions withDefaults(String name) {
    return new TableOptions(name, DEFAULT_VERSION_COLUMN, ConflictPolicy.DLQ, VersionMode.EXPECTED);
  }
}
