package dev.kup.pipeline.config;

import java.util.Locale;

/** What happens to an update whose expected version does not match (or whose row is missing). */
public enum ConflictPolicy {
  /** Send it to the dead-letter topic with stage {@code conflict} (the default). */
  DLQ,
  /** Count it and move on; nothing is written anywhere. */
  SKIP;

  /** Parses {@code dlq} / {@code skip}, case-insensitively. */
  public static ConflictPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be 'dlq' or 'skip', got '" + text + "'");
    }
  }
}
