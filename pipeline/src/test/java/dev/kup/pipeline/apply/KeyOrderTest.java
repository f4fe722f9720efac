package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import dev.kup.pipeline.validate.TestTables;
import dev.kup.schemas.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
  private static final TableSchema ACCOUNTS = TestTables.accounts(ConflictPolicy.DLQ);
  private static final ColumnSchema ID = ACCOUNTS.primaryKey().get(0);
  private static final ColumnSchema STATUS = ACCOUNTS.columns().get("status");

  private static RowChange change(Object key) {
    return change(new Object[] {key});
  }

  private static RowChange change(Object... key) {
    List<ColumnSchema> columns = List.of(ID, STATUS);
    ColumnValue[] values = new ColumnValue[key.length];
    for (int i = 0; i < key.length; i++) {
      values[i] = new ColumnValue(columns.get(i), key[i]);
    }
    return new RowChange(ACCOUNTS, Op.UPDATE, List.of(values), List.of(), List.of(), 1);
  }

  @Test
  void ordersPositionsByKeyValue() {
    List<RowChange> changes = List.of(change(30L), change(10L), change(20L), change(5L));

    assertThat(KeyOrder.of(changes)).containsExactly(3, 1, 2, 0);
  }

  @Test
  void ordersNegativeAndIntegerKeysAndKeepsEqualKeysInArrivalOrder() {
    assertThat(KeyOrder.of(List.of(change(5L), change(-3L), change(Long.MIN_VALUE / 4), change(5L))))
        .containsExactly(2, 1, 0, 3);
    assertThat(KeyOrder.of(List.of(change(7), change(-7), change(0)))).containsExactly(1, 2, 0);
  }

  @Test
  void ordersKeysSpreadTooWideToPackWithTheirPositions() {
    List<RowChange> changes = List.of(
        change(Long.MAX_VALUE), change(0L), change(Long.MIN_VALUE), change(-1L));

    assertThat(KeyOrder.of(changes)).containsExactly(2, 3, 1, 0);
  }

  @Test
  void ordersAThousandShuffledKeys() {
    List<Long> keys = new java.util.ArrayList<>();
    for (long k = 0; k < 1000; k++) {
      keys.add(k * 1_000_003L - 400_000_000L);
    }
    java.util.Collections.shuffle(keys, new java.util.Random(3));
    List<RowChange> changes = keys.stream().map(KeyOrderTest::change).toList();

    int[] order = KeyOrder.of(changes);

    assertThat(java.util.Arrays.stream(order).mapToObj(keys::get).toList())
        .isSorted().hasSize(1000);
  }

  @Test
  void ordersStringKeys() {
    assertThat(KeyOrder.of(List.of(change("b"), change("c"), change("a")))).containsExactly(2, 0, 1);
  }

  @Test
  void comparesCompositeKeysColumnByColumn() {
    List<RowChange> changes = List.of(
        change(2L, "a"), change(1L, "b"), change(1L, "a"), change(2L, "0"));

    assertThat(KeyOrder.of(changes)).containsExactly(2, 1, 3, 0);
  }

  @Test
  void keepsArrivalOrderWhenAKeyValueIsNotComparable() {
    List<RowChange> changes = List.of(change(2L), change(new byte[] {1}), change(1L));

    assertThat(KeyOrder.of(changes)).containsExactly(0, 1, 2);
  }

  @Test
  void emptyGroupHasNoPositions() {
    assertThat(KeyOrder.of(List.of())).isEmpty();
  }
}
