package dev.kup.pipeline.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Set;
import org.jooq.DataType;

/**
 * What a column can hold beyond its Java type, as the catalog declares it: the digits of a
 * decimal, the characters of a bounded string, the fractional-second digits of a time. A value
 * outside them would be rounded, truncated or refused by the database; kup refuses it first.
 *
 * @param integerDigits digits a decimal or integer column holds before the point
 * @param scale digits a decimal column holds after the point (0 for integer columns)
 * @param length characters a string column holds, or {@link #UNBOUNDED}
 * @param fractionDigits fractional-second digits a time column holds (0..9)
 */
public record ColumnLimits(long integerDigits, int scale, int length, int fractionDigits) {
  public static final int UNBOUNDED = Integer.MAX_VALUE;
  /**
   * A decimal column declared without precision (PostgreSQL's bare {@code numeric}) holds up to
   * 131072 digits before the point and 16383 after: its documented limits.
   */
  static final long UNCONSTRAINED_INTEGER_DIGITS = 131_072;
  static final int UNCONSTRAINED_SCALE = 16_383;

  private static final Set<Class<?>> TIME_TYPES = Set.of(Timestamp.class, LocalDateTime.class,
      OffsetDateTime.class, Instant.class, LocalTime.class, Time.class, OffsetTime.class);

  /** The limits the catalog's type declares; what it leaves open is open. */
  public static ColumnLimits of(DataType<?> type) {
    Class<?> java = type.getType();
    if (java == BigDecimal.class) {
      return type.hasPrecision() && type.precision() > 0
          ? new ColumnLimits(type.precision() - Math.max(0, type.scale()), Math.max(0, type.scale()),
              UNBOUNDED, 9)
          : new ColumnLimits(UNCONSTRAINED_INTEGER_DIGITS, UNCONSTRAINED_SCALE, UNBOUNDED, 9);
    }
    if (java == BigInteger.class) {
      return new ColumnLimits(type.hasPrecision() && type.precision() > 0
          ? type.precision() : UNCONSTRAINED_INTEGER_DIGITS, 0, UNBOUNDED, 9);
    }
    if (java == String.class) {
      return new ColumnLimits(0, 0,
          type.hasLength() && type.length() > 0 ? type.length() : UNBOUNDED, 9);
    }
    if (TIME_TYPES.contains(java) && type.hasPrecision()) {
      return new ColumnLimits(0, 0, UNBOUNDED, Math.max(0, Math.min(9, type.precision())));
    }
    return new ColumnLimits(0, 0, UNBOUNDED, 9);
  }
}
