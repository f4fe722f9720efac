package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

  @Test
  void singleColumnKeyIsJustTheValue() {
    assertThat(RecordKeys.kafkaKey("accounts", Map.of("id", 42L))).isEqualTo("accounts:42");
    assertThat(RecordKeys.kafkaKey("users", Map.of("name", "ada"))).isEqualTo("users:ada");
    assertThat(RecordKeys.kafkaKey("flags", Map.of("on", true))).isEqualTo("flags:true");
  }

  @Test
  void compositeKeyIsSortedByColumnWhateverTheMapOrder() {
    Map<String, Object> documentOrder = new LinkedHashMap<>();
    documentOrder.put("order_id", 7L);
    documentOrder.put("line", 3L);
    Map<String, Object> otherOrder = new LinkedHashMap<>();
    otherOrder.put("line", 3L);
    otherOrder.put("order_id", 7L);

    assertThat(RecordKeys.kafkaKey("order_lines", documentOrder))
        .isEqualTo("order_lines:line=3,order_id=7")
        .isEqualTo(RecordKeys.kafkaKey("order_lines", otherOrder));
  }

  @Test
  void sortsColumnsByCodeUnitsSoUpperCaseComesFirst() {
    assertThat(RecordKeys.canonicalKey(Map.of("b", 1L, "a", 2L, "B", 3L))).isEqualTo("B=3,a=2,b=1");
  }

  @Test
  void escapesPercentCommaAndEqualsInValuesAndColumnNames() {
    assertThat(RecordKeys.canonicalKey(Map.of("id", "a,b=c%d"))).isEqualTo("a%2Cb%3Dc%25d");
    assertThat(RecordKeys.canonicalKey(Map.of("x", "1,y=2", "y", "3")))
        .isEqualTo("x=1%2Cy%3D2,y=3");
    assertThat(RecordKeys.canonicalKey(Map.of("a=b", 1L, "c", 2L))).isEqualTo("a%3Db=1,c=2");
  }

  @Test
  void escapingKeepsDistinctKeysDistinct() {
    String injected = RecordKeys.canonicalKey(Map.of("a", "1,b=2"));
    String composite = RecordKeys.canonicalKey(Map.of("a", 1L, "b", 2L));

    assertThat(injected).isNotEqualTo(composite);
  }

  @Test
  void keepsColonsInValuesSoTheTableEndsAtTheFirstColon() {
    assertThat(RecordKeys.kafkaKey("files", Map.of("path", "c:/tmp/x")))
        .isEqualTo("files:c:/tmp/x");
  }

  @Test
  void writesIntegersInDecimalWhateverTheirJavaType() {
    assertThat(RecordKeys.canonicalKey(Map.of("id", 42))).isEqualTo("42");
    assertThat(RecordKeys.canonicalKey(Map.of("id", -7L))).isEqualTo("-7");
    assertThat(
            RecordKeys.canonicalKey(Map.of("id", new BigInteger("123456789012345678901234567890"))))
        .isEqualTo("123456789012345678901234567890");
  }

  @Test
  void writesAnIntegralDecimalLikeTheInteger() {
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("42.0")))).isEqualTo("42");
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("4.2e1")))).isEqualTo("42");
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("1E+3")))).isEqualTo("1000");
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("-0.00")))).isEqualTo("0");
  }

  @Test
  void writesAFractionalDecimalPlainWithoutTrailingZeros() {
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("1.50")))).isEqualTo("1.5");
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("1E-7"))))
        .isEqualTo("0.0000001");
    assertThat(RecordKeys.canonicalKey(Map.of("id", 0.25d))).isEqualTo("0.25");
  }

  @Test
  void keepsAnAbsurdExponentBoundedInScientificForm() {
    assertThat(RecordKeys.canonicalKey(Map.of("id", new BigDecimal("1e5000"))))
        .isEqualTo("1E+5000");
  }

  @Test
  void refusesKeysThatHaveNoCanonicalForm() {
    Map<String, Object> nullValue = new LinkedHashMap<>();
    nullValue.put("id", null);

    assertThatThrownBy(() -> RecordKeys.canonicalKey(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordKeys.canonicalKey(nullValue))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordKeys.canonicalKey(Map.of("id", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordKeys.canonicalKey(Map.of("id", new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordKeys.kafkaKey("a:b", Map.of("id", 1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
