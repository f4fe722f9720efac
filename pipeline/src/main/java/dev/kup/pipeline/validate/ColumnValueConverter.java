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
import java.util.regex.Pattern;

/**
 * Converts a value decoded from JSON (String, Long, BigInteger, BigDecimal, Boolean or null) to
 * the Java type of its column, strictly: a value is either stored exactly as sent or refused with
 * the column and the limit it breaks; never rounded, truncated, narrowed or turned into null.
 *
 * <ul>
 *   <li>numbers must fit the column's range, and a decimal column's precision and scale;
 *   <li>a float or double column takes a number only when the floating-point value reads back as
 *       the same decimal ({@code 0.1} does; {@code 0.1000000000000000000001} and {@code 1e400}
 *       do not);
 *   <li>a numeric column also takes a JSON string holding a plain decimal literal (optional sign,
 *       ASCII digits, optional fraction; no exponent, spaces or {@code NaN}) under the same rules;
 *   <li>strings must fit {@code varchar(n)} / {@code char(n)}, times the column's fractional-second
 *       digits.
 * </ul>
 *
 * The work per value is bounded by its digits, never by its exponent: {@code 1e300000000} is
 * refused from its precision and scale alone. Stateless and thread-safe.
 */
public final class ColumnValueConverter {
  /** Longest numeric string taken, as for JSON numbers (UpdateRecordParser.MAX_NUMBER_LENGTH). */
  static final int MAX_NUMERIC_STRING_LENGTH = 1000;
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
  /** Decimal digits before the point beyond which a value is out of a type's range for sure. */
  private static final int LONG_DIGITS = 19;
  private static final int DOUBLE_DIGITS = 310;
  private static final int FLOAT_DIGITS = 40;

  /** Returns the value as the column's Java type, or throws saying why it cannot be. */
  public Object convert(Object value, ColumnSchema column) throws ValueConversionException {
    if (value == null) {
      return null;
    }
    Class<?> target = column.javaType();
    try {
      if (target == String.class) {
        return text(value, column);
      }
      if (target == Boolean.class) {
        if (value instanceof Boolean b) {
          return b;
        }
        throw mismatch(value, column, null);
      }
      if (value instanceof Number n) {
        return numberTo(n, column);
      }
      if (value instanceof String s) {
        return textTo(s, column);
      }
    } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
      throw mismatch(value, column, e.getMessage());
    }
    throw mismatch(value, column, null);
  }

  private static String text(Object value, ColumnSchema column) throws ValueConversionException {
    if (!(value instanceof String s)) {
      throw mismatch(value, column, null);
    }
    int limit = column.limits().length();
    // the cheap bound first: a string is never shorter in code points than in half its chars
    if (limit != ColumnLimits.UNBOUNDED && s.length() > limit
        && s.codePointCount(0, s.length()) > limit) {
      throw mismatch(value, column, s.codePointCount(0, s.length())
          + " characters; the column holds at most " + limit);
    }
    return s;
  }

  private static Object numberTo(Number n, ColumnSchema column) throws ValueConversionException {
    Class<?> target = column.javaType();
    if (n instanceof Long whole) {
      Object fitted = wholeTo(whole, target);
      if (fitted != null) {
        return fitted;
      }
    }
    if (!column.isNumeric()) {
      throw mismatch(n, column, null);
    }
    BigDecimal exact = n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    if (target == Double.class || target == Float.class) {
      return floating(exact, n, column);
    }
    if (exact.signum() == 0) {
      return zero(target);
    }
    // trailing zeros cost one step per digit, and a JSON number has at most 1000 of them
    BigDecimal stripped = exact.stripTrailingZeros();
    long integerDigits = (long) stripped.precision() - stripped.scale();
    if (target == BigDecimal.class) {
      ColumnLimits limits = column.limits();
      if (stripped.scale() > limits.scale()) {
        throw mismatch(n, column, "scale " + stripped.scale() + " exceeds the column's "
            + limits.scale() + "; it would be rounded");
      }
      if (integerDigits > limits.integerDigits()) {
        throw mismatch(n, column, integerDigits + " digits before the point exceed the column's "
            + limits.integerDigits());
      }
      return exact.scale() >= 0 && exact.scale() <= limits.scale()
          ? exact : stripped.setScale(Math.max(0, stripped.scale()));
    }
    if (stripped.scale() > 0) {
      throw mismatch(n, column, "not a whole number");
    }
    long maxDigits = target == BigInteger.class ? column.limits().integerDigits() : LONG_DIGITS;
    if (integerDigits > maxDigits) {
      throw mismatch(n, column, "out of the column's range");
    }
    BigInteger integer = stripped.toBigIntegerExact(); // at most maxDigits zeros to append
    if (target == BigInteger.class) {
      return integer;
    }
    long v = integer.longValueExact();
    if (target == Long.class) {
      return v;
    }
    if (target == Integer.class) {
      return Math.toIntExact(v);
    }
    if (target == Short.class && v == (short) v) {
      return (short) v;
    }
    if (target == Byte.class && v == (byte) v) {
      return (byte) v;
    }
    throw mismatch(n, column, "out of the column's range");
  }

  private static Object zero(Class<?> target) {
    if (target == Long.class) {
      return 0L;
    } else if (target == Integer.class) {
      return 0;
    } else if (target == Short.class) {
      return (short) 0;
    } else if (target == Byte.class) {
      return (byte) 0;
    } else if (target == BigInteger.class) {
      return BigInteger.ZERO;
    }
    return BigDecimal.ZERO; // 0E-300000000 is zero, and binds as such
  }

  /**
   * A double or float when its shortest decimal form (what the database shows) is the value
   * itself: the conversion neither rounded it nor overflowed to infinity nor underflowed to zero.
   */
  private static Object floating(BigDecimal exact, Number original, ColumnSchema column)
      throws ValueConversionException {
    boolean isDouble = column.javaType() == Double.class;
    if (exact.signum() != 0) {
      long integerDigits = (long) exact.precision() - exact.scale();
      int bound = isDouble ? DOUBLE_DIGITS : FLOAT_DIGITS;
      if (integerDigits > bound || integerDigits < -bound - 20) {
        throw mismatch(original, column, "out of the range of a " + (isDouble ? "double" : "float"));
      }
    }
    if (isDouble) {
      double d = exact.doubleValue();
      if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
        return d;
      }
      throw mismatch(original, column, "a double would store it as " + d);
    }
    float f = exact.floatValue();
    if (Float.isFinite(f) && new BigDecimal(Float.toString(f)).compareTo(exact) == 0) {
      return f;
    }
    throw mismatch(original, column, "a float would store it as " + f);
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

  private static Object textTo(String s, ColumnSchema column) throws ValueConversionException {
    Class<?> target = column.javaType();
    if (column.isNumeric()) {
      if (s.length() > MAX_NUMERIC_STRING_LENGTH || !PLAIN_DECIMAL.matcher(s).matches()) {
        throw mismatch(s, column, "not a plain decimal literal");
      }
      return numberTo(new BigDecimal(s), column);
    }
    if (target == UUID.class) {
      return UUID.fromString(s);
    }
    Object time = timeTo(s, target);
    if (time == null) {
      throw mismatch(s, column, null);
    }
    int nanos = nanosOf(time);
    int digits = column.limits().fractionDigits();
    if (nanos % TEN_POWERS[9 - digits] != 0) {
      throw mismatch(s, column, "more fractional-second digits than the column's " + digits);
    }
    return time;
  }

  private static final int[] TEN_POWERS =
      {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

  private static Object timeTo(String s, Class<?> target) {
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

  private static int nanosOf(Object time) {
    if (time instanceof OffsetDateTime t) {
      return t.getNano();
    } else if (time instanceof LocalDateTime t) {
      return t.getNano();
    } else if (time instanceof Timestamp t) {
      return t.getNanos();
    } else if (time instanceof Instant t) {
      return t.getNano();
    } else if (time instanceof LocalTime t) {
      return t.getNano();
    } else if (time instanceof OffsetTime t) {
      return t.getNano();
    }
    return 0; // dates, and java.sql.Time, which holds whole seconds only
  }

  /** java.sql.Time holds whole seconds only: a fraction is refused rather than dropped. */
  private static Time sqlTime(LocalTime time) {
    if (time.getNano() != 0) {
      throw new IllegalArgumentException("fractional seconds do not fit a java.sql.Time");
    }
    return Time.valueOf(time);
  }

  private static ValueConversionException mismatch(Object value, ColumnSchema column, String why) {
    String shown = value instanceof String s ? "\"" + abbreviate(s) + "\"" : abbreviate(String.valueOf(value));
    return new ValueConversionException(
        "column '" + column.name() + "' of type " + column.type().getCastTypeName()
            + " cannot take " + shown + (why == null ? "" : " (" + why + ")"));
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...(" + s.length() + " characters)";
  }
}
