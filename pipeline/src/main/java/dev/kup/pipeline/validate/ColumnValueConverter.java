package dev.kup.pipeline.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Converts a value decoded from JSON (String, Long, BigInteger, BigDecimal, Boolean or null) to
 * the Java type of its column, strictly: no value is silently rounded, truncated or turned into
 * null, and strings are not parsed as numbers. Stateless and thread-safe.
 */
public final class ColumnValueConverter {

  /** Returns the value as the column's Java type, or throws saying why it cannot be. */
  public Object convert(Object value, ColumnSchema column) throws ValueConversionException {
    if (value == null) {
      return null;
    }
    Class<?> target = column.javaType();
    try {
      Object converted = convertTo(value, target);
      if (converted != null) {
        return converted;
      }
    } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
      throw mismatch(value, column, e.getMessage());
    }
    throw mismatch(value, column, null);
  }

  private static Object convertTo(Object value, Class<?> target) {
    if (target == String.class) {
      return value instanceof String s ? s : null;
    }
    if (target == Boolean.class) {
      return value instanceof Boolean b ? b : null;
    }
    if (value instanceof Number n) {
      return numberTo(n, target);
    }
    if (value instanceof String s) {
      return textTo(s, target);
    }
    return null;
  }

  private static Object numberTo(Number n, Class<?> target) {
    if (n instanceof Long whole) {
      Object fitted = wholeTo(whole, target);
      if (fitted != null) {
        return fitted;
      }
    }
    BigDecimal exact = n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    if (target == Long.class) {
      return exact.longValueExact();
    }
    if (target == Integer.class) {
      return exact.intValueExact();
    }
    if (target == Short.class) {
      return exact.shortValueExact();
    }
    if (target == Byte.class) {
      return exact.byteValueExact();
    }
    if (target == BigInteger.class) {
      return exact.toBigIntegerExact();
    }
    if (target == BigDecimal.class) {
      return exact;
    }
    if (target == Double.class) {
      return exact.doubleValue();
    }
    if (target == Float.class) {
      return exact.floatValue();
    }
    return null;
  }

  /**
   * The usual case, a JSON integer for an integer column, without the detour through {@link
   * BigDecimal} text that every other number takes (it was the largest allocation per record in a
   * drain); null when the value does not fit, so the exact path below refuses it with its usual
   * message.
   */
  private static Object wholeTo(Long whole, Class<?> target) {
    long v = whole;
    if (target == Long.class) {
      return whole;
    }
    if (target == Integer.class && v == (int) v) {
      return (int) v;
    }
    if (target == Short.class && v == (short) v) {
      return (short) v;
    }
    return null;
  }

  private static Object textTo(String s, Class<?> target) {
    if (target == UUID.class) {
      return UUID.fromString(s);
    }
    if (target == OffsetDateTime.class) {
      return OffsetDateTime.parse(s);
    }
    if (target == LocalDateTime.class) {
      return LocalDateTime.parse(s);
    }
    if (target == Timestamp.class) {
      return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")
          ? Timestamp.from(OffsetDateTime.parse(s).toInstant())
          : Timestamp.valueOf(LocalDateTime.parse(s));
    }
    if (target == Instant.class) {
      return Instant.parse(s);
    }
    if (target == LocalDate.class) {
      return LocalDate.parse(s);
    }
    if (target == java.sql.Date.class) {
      return java.sql.Date.valueOf(LocalDate.parse(s));
    }
    if (target == LocalTime.class) {
      return LocalTime.parse(s);
    }
    if (target == Time.class) {
      return sqlTime(LocalTime.parse(s));
    }
    if (target == OffsetTime.class) {
      return OffsetTime.parse(s);
    }
    return null;
  }

  /** java.sql.Time holds whole seconds only: a fraction is refused rather than dropped. */
  private static Time sqlTime(LocalTime time) {
    if (time.getNano() != 0) {
      throw new IllegalArgumentException("fractional seconds do not fit a java.sql.Time");
    }
    return Time.valueOf(time);
  }

  private static ValueConversionException mismatch(Object value, ColumnSchema column, String why) {
    String shown = value instanceof String s ? "\"" + abbreviate(s) + "\"" : String.valueOf(value);
    return new ValueConversionException(
        "column '" + column.name() + "' of type " + column.type().getTypeName()
            + " cannot take " + shown + (why == null ? "" : " (" + why + ")"));
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
