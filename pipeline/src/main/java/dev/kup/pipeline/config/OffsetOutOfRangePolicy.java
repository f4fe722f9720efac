package dev.kup.pipeline.config;

import java.util.Locale;

/**
 * What a partition does when the offset stored for it in the database lies outside its log: below
 * the log start (retention deleted records kup never applied) or beyond the log end (the topic was
 * recreated). Never a silent reset.
 */
public enum OffsetOutOfRangePolicy {
  /** Keep the partition paused and unprocessed, and say so in readiness (the default). */
  REFUSE,
  /** Resume from the log start on purpose. */
  EARLIEST,
  /** Resume from the log end on purpose. */
  LATEST;

  /** Parses {@code refuse} / {@code earliest} / {@code latest}, case-insensitively. */
  public static OffsetOutOfRangePolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "must be 'refuse', 'earliest' or 'latest', got '" + text + "'");
    }
  }
}
