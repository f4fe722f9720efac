package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateRecordTest {

  @Test
  void buildsAnUpdateFluently() {
    UpdateRecord record =
        UpdateRecord.update("accounts", Map.of("id", 42L), 7L)
            .set("status", "closed")
            .set("note", null)
            .increment("balance", new BigDecimal("-12.50"))
            .withId("r-1")
            .withTs(Instant.parse("2024-05-01T12:00:00Z"));

    assertThat(record.op()).isEqualTo(Op.UPDATE);
    assertThat(record.version()).isEqualTo(7L);
    assertThat(record.set().keySet()).containsExactly("status", "note");
    assertThat(record.increment()).containsEntry("balance", new BigDecimal("-12.50"));
    assertThat(record.kafkaKey()).isEqualTo("accounts:42");
  }

  @Test
  void normalizesJavaNumbersToTheWireTypes() {
    UpdateRecord record =
        UpdateRecord.upsert("t", Map.of("id", 1))
            .set("i", 5)
            .set("d", 0.1d)
            .set("small", BigInteger.TEN)
            .increment("n", (short) 2);

    assertThat(record.key()).containsEntry("id", 1L);
    assertThat(record.set())
        .containsEntry("i", 5L)
        .containsEntry("d", new BigDecimal("0.1"))
        .containsEntry("small", 10L);
    assertThat(record.increment()).containsEntry("n", 2L);
  }

  @Test
  void equalsTheSameRecordBuiltFromOtherJavaTypes() {
    assertThat(UpdateRecord.delete("t", Map.of("id", 1), 3))
        .isEqualTo(UpdateRecord.delete("t", Map.of("id", 1L), 3L));
  }

  @Test
  void copiesMapsSoLaterChangesToTheArgumentsDoNotLeakIn() {
    Map<String, Object> set = new HashMap<>();
    set.put("a", 1L);
    UpdateRecord record =
        new UpdateRecord("t", Map.of("id", 1L), 1L, set, null, Op.UPDATE, null, null);

    set.put("b", 2L);

    assertThat(record.set()).containsOnlyKeys("a");
    assertThatThrownBy(() -> record.set().put("c", 3L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keepsTheGivenColumnOrder() {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("z", 1L);
    set.put("a", 2L);

    UpdateRecord record =
        new UpdateRecord("t", Map.of("id", 1L), 1L, set, null, Op.UPDATE, null, null);

    assertThat(record.set().keySet()).containsExactly("z", "a");
  }

  @Test
  void treatsNullMapsAsEmpty() {
    UpdateRecord record =
        new UpdateRecord("t", Map.of("id", 1L), 1L, null, null, Op.DELETE, null, null);

    assertThat(record.set()).isEmpty();
    assertThat(record.increment()).isEmpty();
  }

  @Test
  void refusesWhatNoRecordCanBe() {
    assertThatThrownBy(
            () -> new UpdateRecord(null, Map.of("id", 1L), 1L, null, null, Op.UPDATE, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new UpdateRecord("t", null, 1L, null, null, Op.UPDATE, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> new UpdateRecord("t", Map.of("id", 1L), 1L, null, null, null, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> UpdateRecord.update("t", Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UpdateRecord.update("t", Map.of("id", 1), 1).set("a", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> UpdateRecord.update("t", Map.of("id", 1), 1).increment("a", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
