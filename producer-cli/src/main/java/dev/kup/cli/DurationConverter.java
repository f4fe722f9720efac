package dev.kup.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A positive duration as an option, written as {@link TimeBound#duration} reads it ({@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}, ISO-8601 {@code PT5M}, bare seconds).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    Duration duration;
    try {
      duration = TimeBound.duration(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s, 5m,"
          + " 1h or PT5M");
    }
    if (duration.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return duration;
  }
}
