package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Random;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Properties of the value conversions over random values, scales, strings and exponents against
 * each column type: a value is either stored exactly (the converted value equals the sent one and
 * fits the column) or refused, never changed; and every value the column can hold is taken.
 *
 * <p>Random but reproducible: the seed is fixed, and {@code -Dkup.test.seed=N} replays another
 * one. Every failure names the seed, the case number, the value and the column type.
 */
@Timeout(120) // a hang guard: bounded work per value is a property too
class ColumnValueConversionPropertiesTest {
  private static final int CASES = 5_000;
  private static final long SEED = Long.getLong("kup.test.seed", 20_261_203L);

  private final ColumnValueConverter converter = new ColumnValueConverter();
  private Random random;
  private String test;

  @BeforeEach
  void seed(TestInfo info) {
    random = new Random(SEED);
    test = info.getDisplayName();
  }

  @Test
  void decimalsAreStoredExactlyOrRefusedAndEveryFittingValueIsTaken() {
    for (int i = 0; i < CASES; i++) {
      int precision = 1 + random.nextInt(38);
      int scale = random.nextInt(precision + 1);
      ColumnSchema column = column(SQLDataType.NUMERIC(precision, scale));
      BigDecimal value = randomDecimal();
      Object sent = randomWireForm(value);
      boolean fits = value.signum() == 0 || (value.stripTrailingZeros().scale() <= scale
          && value.stripTrailingZeros().precision() - value.stripTrailingZeros().scale()
              <= precision - scale);
      Object stored = convertOrNull(sent, column, i);
      if (fits) {
        assertThat(stored).as(context(i, sent, column) + " fits but was refused").isNotNull();
      }
      if (stored != null) {
        assertThat(((BigDecimal) stored).compareTo(value))
            .as(context(i, sent, column) + " stored as " + stored).isZero();
        assertThat(fits).as(context(i, sent, column) + " does not fit but was taken").isTrue();
      }
    }
  }

  @Test
  void integersAreStoredExactlyOrRefused() {
    DataType<?>[] types = {SQLDataType.SMALLINT, SQLDataType.INTEGER, SQLDataType.BIGINT,
        SQLDataType.TINYINT, SQLDataType.DECIMAL_INTEGER(30)};
    BigDecimal[][] ranges = {
        {BigDecimal.valueOf(Short.MIN_VALUE), BigDecimal.valueOf(Short.MAX_VALUE)},
        {BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE)},
        {BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)},
        {BigDecimal.valueOf(Byte.MIN_VALUE), BigDecimal.valueOf(Byte.MAX_VALUE)},
        {new BigDecimal("-1e30").add(BigDecimal.ONE), new BigDecimal("1e30").subtract(BigDecimal.ONE)}};
    for (int i = 0; i < CASES; i++) {
      int t = random.nextInt(types.length);
      ColumnSchema column = column(types[t]);
      BigDecimal value = random.nextInt(3) == 0 ? nearBound(ranges[t]) : randomDecimal();
      Object sent = randomWireForm(value);
      boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
      boolean fits = whole && value.compareTo(ranges[t][0]) >= 0 && value.compareTo(ranges[t][1]) <= 0;
      Object stored = convertOrNull(sent, column, i);
      assertThat(stored != null).as(context(i, sent, column) + " stored as " + stored).isEqualTo(fits);
      if (stored != null) {
        assertThat(new BigDecimal(stored.toString()).compareTo(value))
            .as(context(i, sent, column) + " stored as " + stored).isZero();
        assertThat(stored).isInstanceOf(column.javaType());
      }
    }
  }

  @Test
  void floatingPointColumnsTakeWhatReadsBackTheSameAndEveryFiniteValue() {
    ColumnSchema doubles = column(SQLDataType.DOUBLE);
    ColumnSchema floats = column(SQLDataType.REAL);
    for (int i = 0; i < CASES; i++) {
      boolean isDouble = random.nextBoolean();
      ColumnSchema column = isDouble ? doubles : floats;
      BigDecimal value = randomDecimal();
      Object sent = randomWireForm(value);
      Object stored = convertOrNull(sent, column, i);
      if (stored != null) {
        String readBack = isDouble ? Double.toString((Double) stored) : Float.toString((Float) stored);
        assertThat(new BigDecimal(readBack).compareTo(value))
            .as(context(i, sent, column) + " stored as " + stored).isZero();
      }
      // every finite value of the type, written as Java writes it, is taken as itself
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        BigDecimal text = new BigDecimal(Double.toString(d));
        assertThat(convertOrNull(text, doubles, i)).as(context(i, text, doubles)).isEqualTo(d);
      }
      float f = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(f)) {
        BigDecimal text = new BigDecimal(Float.toString(f));
        assertThat(convertOrNull(text, floats, i)).as(context(i, text, floats)).isEqualTo(f);
      }
    }
  }

  @Test
  void numericStringsAreTakenOnlyAsPlainDecimalLiterals() {
    String alphabet = "0123456789012345678901234567890123456789+-..eE xN,\u0661\u00a0";
    ColumnSchema column = column(SQLDataType.NUMERIC(30, 10));
    for (int i = 0; i < CASES; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String sent = text.toString();
      boolean plain = sent.matches("[+-]?[0-9]+(\\.[0-9]+)?");
      Object stored = convertOrNull(sent, column, i);
      if (!plain) {
        assertThat(stored).as(context(i, sent, column) + " is no plain decimal").isNull();
      } else {
        BigDecimal value = new BigDecimal(sent);
        boolean fits = value.signum() == 0 || (value.stripTrailingZeros().scale() <= 10
            && value.stripTrailingZeros().precision() - value.stripTrailingZeros().scale() <= 20);
        assertThat(stored != null).as(context(i, sent, column)).isEqualTo(fits);
        if (stored != null) {
          assertThat(((BigDecimal) stored).compareTo(value)).as(context(i, sent, column)).isZero();
        }
      }
    }
  }

  @Test
  void boundedStringsAreTakenWholeOrRefused() {
    for (int i = 0; i < CASES; i++) {
      int limit = 1 + random.nextInt(8);
      ColumnSchema column = column(random.nextBoolean()
          ? SQLDataType.VARCHAR(limit) : SQLDataType.CHAR(limit));
      StringBuilder text = new StringBuilder();
      int codePoints = random.nextInt(12);
      for (int c = 0; c < codePoints; c++) {
        text.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26) : 0x1F600 + random.nextInt(50));
      }
      String sent = text.toString();
      Object stored = convertOrNull(sent, column, i);
      assertThat(stored != null).as(context(i, sent, column)).isEqualTo(codePoints <= limit);
      if (stored != null) {
        assertThat(stored).isEqualTo(sent);
      }
    }
  }

  @Test
  void timesKeepEveryFractionalDigitOrAreRefused() {
    for (int i = 0; i < CASES; i++) {
      int digits = random.nextInt(10);
      ColumnSchema column = column(SQLDataType.TIMESTAMP(digits));
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      if (random.nextBoolean()) {
        nanos -= nanos % (int) Math.pow(10, 9 - random.nextInt(10));
      }
      LocalDateTime time = LocalDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos);
      String sent = time.toString();
      Object stored = convertOrNull(sent, column, i);
      boolean fits = nanos % (int) Math.pow(10, 9 - digits) == 0;
      assertThat(stored != null).as(context(i, sent, column)).isEqualTo(fits);
      if (stored != null) {
        assertThat(((Timestamp) stored).toLocalDateTime()).as(context(i, sent, column)).isEqualTo(time);
      }
    }
  }

  @Test
  void hugeExponentsAreRefusedWithBoundedWorkForEveryType() {
    DataType<?>[] types = {SQLDataType.SMALLINT, SQLDataType.INTEGER, SQLDataType.BIGINT,
        SQLDataType.DOUBLE, SQLDataType.REAL, SQLDataType.NUMERIC(18, 2), SQLDataType.NUMERIC,
        SQLDataType.DECIMAL_INTEGER(100_000)};
    for (int i = 0; i < 500; i++) {
      ColumnSchema column = column(types[random.nextInt(types.length)]);
      int exponent = (random.nextBoolean() ? 1 : -1) * (200_000 + random.nextInt(Integer.MAX_VALUE - 200_000));
      BigDecimal value = new BigDecimal(new BigInteger(1 + random.nextInt(100), random)
          .add(BigInteger.ONE), -exponent);
      Object stored = convertOrNull(value, column, i);
      assertThat(stored).as(context(i, value, column)).isNull();
    }
  }

  // -- generators ------------------------------------------------------------------------------

  /** Digits 1..40, scale -10..40, either sign; zero now and then. */
  private BigDecimal randomDecimal() {
    if (random.nextInt(20) == 0) {
      return BigDecimal.ZERO.setScale(random.nextInt(5));
    }
    int digits = 1 + random.nextInt(40);
    StringBuilder unscaled = new StringBuilder(random.nextBoolean() ? "-" : "");
    unscaled.append(1 + random.nextInt(9));
    for (int d = 1; d < digits; d++) {
      unscaled.append(random.nextInt(4) == 0 ? 0 : random.nextInt(10));
    }
    return new BigDecimal(new BigInteger(unscaled.toString()), random.nextInt(51) - 10);
  }

  private BigDecimal nearBound(BigDecimal[] range) {
    BigDecimal bound = range[random.nextInt(2)];
    return bound.add(BigDecimal.valueOf(random.nextInt(5) - 2));
  }

  /** The value as the decoder hands it over: Long, BigInteger, BigDecimal, or a plain string. */
  private Object randomWireForm(BigDecimal value) {
    int form = random.nextInt(4);
    if (form == 0 && value.signum() != 0 && value.stripTrailingZeros().scale() <= 0
        && value.precision() - value.scale() < 19) {
      return value.longValueExact();
    }
    if (form == 1 && value.scale() <= 0) {
      return value.toBigIntegerExact();
    }
    if (form == 2 && value.scale() >= 0) {
      return value.toPlainString();
    }
    return value;
  }

  private Object convertOrNull(Object value, ColumnSchema column, int i) {
    try {
      Object stored = converter.convert(value, column);
      if (stored == null) {
        fail(context(i, value, column) + ": a value became null");
      }
      return stored;
    } catch (ValueConversionException e) {
      return null;
    } catch (RuntimeException e) {
      throw new AssertionError(context(i, value, column) + " threw " + e, e);
    }
  }

  private String context(int i, Object value, ColumnSchema column) {
    String shown = String.valueOf(value);
    return "[" + test + ", seed " + SEED + ", case " + i + "] " + value.getClass().getSimpleName()
        + " " + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + " into "
        + column.type().getCastTypeName();
  }

  @SuppressWarnings("unchecked")
  private static ColumnSchema column(DataType<?> type) {
    return new ColumnSchema("c", (Field<Object>) DSL.field(DSL.name("c"), type), (DataType<Object>) type);
  }
}
