package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.schemas.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowChangeTest {
  private static final TableSchema ACCOUNTS = TestTables.accounts(ConflictPolicy.DLQ);
  private static final TableSchema UPPER = TestTables.accountsInUpperCase(ConflictPolicy.DLQ);

  private static RowChange change(TableSchema t, Op op, long id, List<String> set, List<String> increments) {
    return new RowChange(t, op, List.of(value(t, t.primaryKey().get(0).name(), id)),
        set.stream().map(c -> value(t, c, "v")).toList(),
        increments.stream().map(c -> value(t, c, 1)).toList(), 1);
  }

  private static ColumnValue value(TableSchema t, String column, Object v) {
    return new ColumnValue(t.column(column).orElseThrow(), v);
  }

  @Test
  void hasShapeOfAgreesWithComparingShapes() {
    List<RowChange> changes = List.of(
        change(ACCOUNTS, Op.UPDATE, 1, List.of("status"), List.of("points")),
        change(ACCOUNTS, Op.UPDATE, 2, List.of("status"), List.of("points")), // same shape, other row
        change(ACCOUNTS, Op.UPSERT, 1, List.of("status"), List.of("points")),
        change(ACCOUNTS, Op.UPDATE, 1, List.of("balance"), List.of("points")),
        change(ACCOUNTS, Op.UPDATE, 1, List.of("status", "balance"), List.of("points")),
        change(ACCOUNTS, Op.UPDATE, 1, List.of("balance", "status"), List.of("points")),
        change(ACCOUNTS, Op.UPDATE, 1, List.of("status"), List.of()),
        change(ACCOUNTS, Op.UPDATE, 1, List.of(), List.of("status")),
        change(ACCOUNTS, Op.UPDATE, 1, List.of("points"), List.of()),
        change(UPPER, Op.UPDATE, 1, List.of("STATUS"), List.of("POINTS")));

    for (RowChange a : changes) {
      for (RowChange b : changes) {
        assertThat(a.hasShapeOf(b)).as("%s vs %s", a.shape(), b.shape())
            .isEqualTo(a.shape().equals(b.shape()));
      }
    }
    assertThat(changes.get(0).hasShapeOf(changes.get(1))).isTrue();
  }
}
