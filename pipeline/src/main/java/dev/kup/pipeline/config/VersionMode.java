package dev.kup.pipeline.config;

import java.util.Locale;

/** What a record's {@code version} means for one table, and so how its version column moves. */
public enum VersionMode {
  /**
   * The version the row must be at for the change to apply; kup advances it by one. A stale
   * version is a conflict (the default).
   */
  EXPECTED,
  /**
   * The row's version after the change, as a change-data-capture stream carries it: a change
   * applies only when it is newer than the row (or the row's tombstone), an equal or older one is
   * stale, so replays and reordering converge to the newest state.
   */
  EXTERNAL;

  /** Parses {@code expected} / {@code external}, case-insensitively. */
  public static VersionMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be 'expected' or 'external', got '" + text + "'");
    }
  }
}
