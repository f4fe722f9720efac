package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.config.ConflictPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
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
}
