package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.config.ConflictPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ColumnValueConverterTest {
  private final ColumnValueConverter converter = new ColumnValueConverter();
  private final TableSchema accounts = TestTables.accounts(ConflictPolicy.DLQ);

  private Object convert(Object value, String column) throws ValueConversionException {
    return converter.convert(value, accounts.column(column).orElseThrow());
  }

  @Test
  void convertsExactlyRepresentableNumbers() throws Exception {
    assertThat(convert(5L, "points")).isEqualTo(5);
    assertThat(convert(new BigDecimal("5.000"), "points")).isEqualTo(5);
    assertThat(convert(7L, "balance")).isEqualTo(new BigDecimal("7"));
    assertThat(convert(null, "points")).isNull();
  }

  @Test
  void convertsWholeNumbersToIntegerColumnsUpToTheirBoundsExactly() throws Exception {
    ColumnSchema small = column("s", SQLDataType.SMALLINT);
    ColumnSchema big = column("b", SQLDataType.BIGINT);
    assertThat(converter.convert(32_767L, small)).isEqualTo((short) 32_767);
    assertThat(converter.convert(-32_768L, small)).isEqualTo((short) -32_768);
    assertThat(converter.convert(2_147_483_647L, accounts.column("points").orElseThrow()))
        .isEqualTo(2_147_483_647);
    assertThat(converter.convert(Long.MIN_VALUE, big)).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> converter.convert(32_768L, small))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("s");
    assertThatThrownBy(() -> converter.convert(-2_147_483_649L, accounts.column("points").orElseThrow()))
        .isInstanceOf(ValueConversionException.class);
  }

  @Test
  void neverRoundsOrOverflowsSilently() {
    assertThatThrownBy(() -> convert(new BigDecimal("5.5"), "points"))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("points");
    assertThatThrownBy(() -> convert(3_000_000_000L, "points"))
        .isInstanceOf(ValueConversionException.class);
    assertThatThrownBy(() -> convert(new BigInteger("99999999999999999999"), "id"))
        .isInstanceOf(ValueConversionException.class);
  }

  @Test
  void takesPlainDecimalStringsForNumericColumnsAndNothingElse() throws Exception {
    assertThat(convert("5", "points")).isEqualTo(5);
    assertThat(convert("-3", "points")).isEqualTo(-3);
    assertThat(convert("+12.50", "balance")).isEqualTo(new BigDecimal("12.50"));
    for (String text : new String[] {"many", "1e3", " 12", "12 ", "NaN", "Infinity", "0x10",
        "12,5", "1.", ".5", "", "-", "\u0661\u0662", "9".repeat(1001)}) {
      assertThatThrownBy(() -> convert(text, "balance")).as(text)
          .isInstanceOf(ValueConversionException.class).hasMessageContaining("balance");
    }
    assertThatThrownBy(() -> convert("5.5", "points")).isInstanceOf(ValueConversionException.class);
    assertThatThrownBy(() -> convert(5L, "status")).isInstanceOf(ValueConversionException.class);
    assertThatThrownBy(() -> convert(true, "points")).isInstanceOf(ValueConversionException.class);
  }

  @Test
  void refusesDecimalsBeyondTheColumnsScaleOrPrecisionNamingTheLimit() throws Exception {
    ColumnSchema amount = column("amount", SQLDataType.NUMERIC(18, 2));
    assertThat(converter.convert(new BigDecimal("10.01"), amount)).isEqualTo(new BigDecimal("10.01"));
    assertThat(converter.convert(new BigDecimal("10.500"), amount))
        .asString().isIn("10.500", "10.5");
    assertThat(converter.convert(new BigDecimal("9999999999999999.99"), amount))
        .isEqualTo(new BigDecimal("9999999999999999.99"));
    assertThat(converter.convert(new BigDecimal("1E+3"), amount))
        .isEqualTo(new BigDecimal("1000"));
    assertThatThrownBy(() -> converter.convert(new BigDecimal("10.005"), amount))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("amount")
        .hasMessageContaining("scale 3").hasMessageContaining("2");
    assertThatThrownBy(() -> converter.convert(new BigDecimal("12345678901234567"), amount))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("16");
  }

  @Test
  void refusesFloatingPointValuesThatWouldNotReadBackTheSame() throws Exception {
    ColumnSchema ratio = column("ratio", SQLDataType.DOUBLE);
    ColumnSchema score = column("score", SQLDataType.REAL);
    assertThat(converter.convert(new BigDecimal("0.1"), ratio)).isEqualTo(0.1d);
    assertThat(converter.convert(new BigDecimal("1.5"), score)).isEqualTo(1.5f);
    assertThat(converter.convert(9_007_199_254_740_992L, ratio)).isEqualTo(9.007199254740992E15);
    for (String refused : new String[] {"1e400", "-1e400", "0.1000000000000000000001", "1e-400",
        "9007199254740993"}) {
      assertThatThrownBy(() -> converter.convert(new BigDecimal(refused), ratio)).as(refused)
          .isInstanceOf(ValueConversionException.class).hasMessageContaining("ratio");
    }
    assertThatThrownBy(() -> converter.convert(new BigDecimal("1e39"), score))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("score");
    assertThatThrownBy(() -> converter.convert(new BigDecimal("0.100000001"), score))
        .isInstanceOf(ValueConversionException.class);
  }

  @Test
  void refusesStringsLongerThanTheColumnCountingCharactersNotUnits() throws Exception {
    ColumnSchema label = column("label", SQLDataType.VARCHAR(3));
    ColumnSchema code = column("code", SQLDataType.CHAR(3));
    assertThat(converter.convert("abc", label)).isEqualTo("abc");
    assertThat(converter.convert("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", label)).isNotNull();
    assertThatThrownBy(() -> converter.convert("abcd", label))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("at most 3");
    assertThatThrownBy(() -> converter.convert("abcd", code))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("code");
  }

  @Test
  void refusesMoreFractionalSecondsThanTheColumnKeeps() throws Exception {
    ColumnSchema millis = column("ms", SQLDataType.TIMESTAMP(3));
    ColumnSchema micros = column("us", SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    assertThat(converter.convert("2026-11-26T10:00:00.123", millis)).isNotNull();
    assertThat(converter.convert("2026-11-26T10:00:00.123456Z", micros)).isNotNull();
    assertThatThrownBy(() -> converter.convert("2026-11-26T10:00:00.1234", millis))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("3");
    assertThatThrownBy(() -> converter.convert("2026-11-26T10:00:00.123456789Z", micros))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("6");
  }

  /** Numbers whose exponent dwarfs their digits are refused from precision and scale alone. */
  @Test
  @Timeout(10)
  void refusesAbsurdExponentsAtOnceForEveryNumericType() {
    ColumnSchema[] columns = {column("i", SQLDataType.INTEGER), column("b", SQLDataType.BIGINT),
        column("s", SQLDataType.SMALLINT), column("d", SQLDataType.DOUBLE),
        column("r", SQLDataType.REAL), column("n", SQLDataType.NUMERIC(18, 2)),
        column("u", SQLDataType.NUMERIC), column("h2", SQLDataType.DECIMAL_INTEGER(100_000))};
    for (String number : new String[] {"1e300000000", "-1e300000000", "1e-300000000",
        "1.5e-300000000", "1e2147483647"}) {
      for (ColumnSchema column : columns) {
        assertThatThrownBy(() -> converter.convert(new BigDecimal(number), column))
            .as(number + " into " + column.name()).isInstanceOf(ValueConversionException.class);
      }
    }
  }

  @Test
  void parsesIsoTimestampsAndRejectsOthers() throws Exception {
    assertThat(convert("2026-01-02T03:04:05+01:00", "updated_at").toString())
        .isEqualTo("2026-01-02T03:04:05+01:00");
    assertThatThrownBy(() -> convert("yesterday", "updated_at"))
        .isInstanceOf(ValueConversionException.class)
        .hasMessageContaining("\"yesterday\"");
  }

  @Test
  void parsesTimesOfDayIncludingOffsetsAndRefusesDroppingAFraction() throws Exception {
    ColumnSchema time = column("t", SQLDataType.TIME);
    ColumnSchema timeWithZone = column("tz", SQLDataType.TIMEWITHTIMEZONE);

    assertThat(converter.convert("10:15:30", time)).isEqualTo(java.sql.Time.valueOf("10:15:30"));
    assertThat(converter.convert("10:15:30+01:00", timeWithZone))
        .isEqualTo(java.time.OffsetTime.parse("10:15:30+01:00"));
    assertThatThrownBy(() -> converter.convert("10:15:30.25", time))
        .isInstanceOf(ValueConversionException.class).hasMessageContaining("fractional seconds");
  }

  @SuppressWarnings("unchecked")
  private static ColumnSchema column(String name, DataType<?> type) {
    return new ColumnSchema(name, (Field<Object>) DSL.field(DSL.name(name), type),
        (DataType<Object>) type);
  }
}
