package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import dev.kup.pipeline.validate.TestTables;
import dev.kup.schemas.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavesTest {
  private static final TableSchema ACCOUNTS = TestTables.accounts(ConflictPolicy.DLQ);

  private static RowChange change(long id, long version) {
    return new RowChange(ACCOUNTS, Op.UPDATE,
        List.of(new ColumnValue(ACCOUNTS.primaryKey().get(0), id)), List.of(), List.of(), version);
  }

  @Test
  void putsTheKthChangeOfEachRowIntoTheKthWave() {
    List<RowChange> changes = List.of(
        change(1, 7), change(2, 1), change(1, 8), change(3, 1), change(1, 9), change(2, 2));

    assertThat(Waves.of(changes)).containsExactly(
        List.of(0, 1, 3), List.of(2, 5), List.of(4));
  }

  @Test
  void distinctRowsNeedOneWave() {
    assertThat(Waves.of(List.of(change(1, 1), change(2, 1)))).containsExactly(List.of(0, 1));
    assertThat(Waves.of(List.of())).isEmpty();
  }
}
