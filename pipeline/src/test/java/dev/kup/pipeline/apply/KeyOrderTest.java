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
