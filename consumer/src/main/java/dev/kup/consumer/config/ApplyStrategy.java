package dev.kup.consumer.config;

import java.util.Locale;

/** How groups of updates are written ({@code KUP_APPLY_STRATEGY}). */
public enum ApplyStrategy {
  /** unnest on PostgreSQL, values on MariaDB, batch elsewhere. */
  AUTO,
  /** One {@code UPDATE … FROM unnest(arrays)} per group: PostgreSQL only. */
  UNNEST,
  /** One {@code UPDATE … JOIN (VALUES …)} per group: MariaDB (and MySQL) only. */
  VALUES,
  /** A JDBC batch of bound statements: any database jOOQ speaks. */
  BATCH;

  static ApplyStrategy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "KUP_APPLY_STRATEGY must be auto, unnest, values or batch, got '" + text + "'");
    }
  }
}
