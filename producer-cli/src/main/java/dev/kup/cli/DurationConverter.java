package dev.kup.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A positive duration as the consumer's settings spell one ({@code 500ms}, {@code 30s}, {@code
 * 5m}, ISO-8601 {@code PT5M}, bare seconds), plus hours ({@code 1h}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      duration = parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s, 5m,"
          + " 1h or PT5M");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return duration;
  }

  private static Duration parse(String text) {
    if (text.startsWith("pt")) {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    }
    if (text.endsWith("ms")) {
      return Duration.ofMillis(number(text, 2));
    }
    if (text.endsWith("s")) {
      return Duration.ofSeconds(number(text, 1));
    }
    if (text.endsWith("m")) {
      return Duration.ofMinutes(number(text, 1));
    }
    if (text.endsWith("h")) {
      return Duration.ofHours(number(text, 1));
    }
    return Duration.ofSeconds(Long.parseLong(text));
  }

  private static long number(String text, int unitLength) {
    return Long.parseLong(text.substring(0, text.length() - unitLength).trim());
  }
}
