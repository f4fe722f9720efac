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
  void doesNotParseStringsAsNumbersNorNumbersAsStrings() {
    assertThatThrownBy(() -> convert("5", "points")).isInstanceOf(ValueConversionException.class);
    assertThatThrownBy(() -> convert(5L, "status")).isInstanceOf(ValueConversionException.class);
    assertThatThrownBy(() -> convert(true, "points")).isInstanceOf(ValueConversionException.class);
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
