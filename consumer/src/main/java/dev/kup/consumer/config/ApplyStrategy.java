package dev.kup.consumer.config;

import java.util.Locale;

/** How groups of updates are written ({@code KUP_APPLY_STRATEGY}). */
public enum ApplyStrategy {
  /** unnest on PostgreSQL, batch elsewhere. */
  AUTO,
  /** One {@code UPDATE … FROM unnest(arrays)} per group: PostgreSQL only. */
  UNNEST,
  /** A JDBC batch of bound statements: any database jOOQ speaks. */
  BATCH;

  static ApplyStrategy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("KUP_APPLY_STRATEGY must be auto, unnest or batch, got '" + text + "'");
    }
  }
}
