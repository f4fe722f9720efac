package dev.kup.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time given on the command line: an ISO-8601 instant ({@code 2026-12-04T08:00:00Z}) or a
 * duration before now ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, or ISO's {@code PT2H}).
 */
public final class TimeBound {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private TimeBound() {}

  /**
   * The instant {@code text} names, durations counted back from {@code now}.
   *
   * @throws IllegalArgumentException when it is neither form
   */
  public static Instant parse(String text, Instant now) {
    String trimmed = text.trim();
    try {
      return Instant.parse(trimmed);
    } catch (DateTimeParseException notAnInstant) {
      return now.minus(duration(trimmed));
    }
  }

  /**
   * A duration written {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 500ms}, bare
   * seconds ({@code 45}) or ISO's {@code PT2H}.
   *
   * @throws IllegalArgumentException when it is neither form or negative
   */
  static Duration duration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(trimmed);
    Duration duration;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2); // bare seconds, as the settings take them
      duration = switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is neither an instant like"
            + " 2026-12-04T08:00:00Z nor a duration like 90s, 15m, 2h, 7d or PT2H");
      }
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative");
    }
    return duration;
  }
}
