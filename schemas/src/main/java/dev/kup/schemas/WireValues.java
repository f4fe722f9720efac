package dev.kup.schemas;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * The value types an update record carries, and the one normalization of Java numbers into them:
 * integers become {@link Long} (or {@link BigInteger} beyond the long range), fractional numbers
 * {@link BigDecimal}. Keeps records built in code equal to records parsed from JSON. {@code where}
 * names the value in an error message; it is built only when there is an error (this runs for
 * every value of every record).
 */
final class WireValues {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private WireValues() {}

  /** A key value: non-null string, boolean or number. */
  static Object keyValue(Supplier<String> where, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(where.get() + " must not be null");
    }
    return setValue(where, value);
  }

  /** A set value: string, boolean, number or null. */
  static Object setValue(Supplier<String> where, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return number(where, number);
    }
    throw new IllegalArgumentException(
        where.get() + " must be a string, number, boolean or null, got "
            + value.getClass().getName());
  }

  /** An increment: a non-null number. */
  static Number incrementValue(Supplier<String> where, Number value) {
    if (value == null) {
      throw new IllegalArgumentException(where.get() + " must not be null");
    }
    return number(where, value);
  }

  /** {@code Long}, {@code BigInteger} (outside the long range) or {@code BigDecimal}. */
  static Number number(Supplier<String> where, Number number) {
    if (number instanceof Long) {
      return number;
    }
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof BigInteger big) {
      return fitsLong(big) ? (Number) big.longValue() : big;
    }
    return toBigDecimal(number, where);
  }

  static BigDecimal toBigDecimal(Number number, Supplier<String> where) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(where.get() + " must be a finite number, got " + d);
      }
      // Float.toString keeps the float's shortest decimal; widening to double first would not
      return new BigDecimal(number instanceof Float ? number.toString() : Double.toString(d));
    }
    throw new IllegalArgumentException(
        where.get() + " has unsupported number type " + number.getClass().getName());
  }

  static boolean fitsLong(BigInteger big) {
    return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0;
  }
}
