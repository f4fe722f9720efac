package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.pipeline.apply.RowOutcome.Rejected;
import dev.kup.pipeline.apply.RowOutcome.Stale;
import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.VersionMode;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import dev.kup.pipeline.validate.TestTables;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CoalescingApplierTest {
  private static final TableSchema ACCOUNTS = TestTables.accounts(ConflictPolicy.DLQ);

  private static RowChange update(long id, long version, String status, Integer points) {
    return new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", id)),
        status == null ? List.of() : List.of(value("status", status)),
        points == null ? List.of() : List.of(value("points", points)), version);
  }

  private static final TableSchema EXTERNAL = TestTables.inMode(ACCOUNTS, VersionMode.EXTERNAL);

  /** A change of the external-version table: {@code version} is the row's after it. */
  private static RowChange external(Op op, long id, long version, String status) {
    return new RowChange(EXTERNAL, op, List.of(value("id", id)),
        status == null ? List.of() : List.of(value("status", status)), List.of(), version);
  }

  private static ColumnValue value(String column, Object v) {
    return new ColumnValue(ACCOUNTS.column(column).orElseThrow(), v);
  }

  /**
   * A delegate standing in for the database: records each call, whether it was told the rows are
   * distinct, and answers per change.
   */
  private static final class RecordingApplier implements BatchApplier {
    final List<List<RowChange>> calls = new ArrayList<>();
    final List<Boolean> toldDistinct = new ArrayList<>();
    final Function<RowChange, RowOutcome> answer;

    RecordingApplier(Function<RowChange, RowOutcome> answer) {
      this.answer = answer;
    }

    @Override
    public List<RowOutcome> apply(org.jooq.DSLContext tx, List<RowChange> changes) {
      toldDistinct.add(false);
      return answer(changes);
    }

    @Override
    public List<RowOutcome> applyDistinct(org.jooq.DSLContext tx, List<RowChange> changes) {
      toldDistinct.add(true);
      return answer(changes);
    }

    private List<RowOutcome> answer(List<RowChange> changes) {
      calls.add(changes);
      return changes.stream().map(answer).toList();
    }
  }

  @Test
  void collapsesAChainedHotRowIntoOneWriteWithLastSetsAndSummedIncrements() {
    RecordingApplier db = new RecordingApplier(c -> RowOutcome.APPLIED);
    List<RowChange> batch = List.of(update(1, 7, "a", 1), update(2, 3, "x", null),
        update(1, 8, null, 10), update(1, 9, "c", 100));

    List<RowOutcome> outcomes = new CoalescingApplier(db).apply(null, batch);

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED);
    assertThat(db.calls).hasSize(1);
    RowChange merged = db.calls.get(0).get(0);
    assertThat(merged.expectedVersion()).isEqualTo(7);
    assertThat(merged.versionAdvance()).isEqualTo(3);
    assertThat(merged.set()).extracting(ColumnValue::value).containsExactly("c");
    assertThat(merged.increments()).extracting(ColumnValue::value).containsExactly(111);
    assertThat(db.calls.get(0).get(1)).isEqualTo(batch.get(1));
  }

  @Test
  void whenTheCollapsedWriteConflictsTheChainIsReplayedOneByOne() {
    // the row is already at version 8: sequentially, v7 conflicts and v8, v9 apply
    RecordingApplier db = new RecordingApplier(c -> c.versionAdvance() > 1 || c.expectedVersion() == 7
        ? new Conflict(c.expectedVersion(), 8) : RowOutcome.APPLIED);
    List<RowChange> batch = List.of(update(1, 7, "a", 1), update(1, 8, "b", 2), update(1, 9, "c", 3));

    List<RowOutcome> outcomes = new CoalescingApplier(db).apply(null, batch);

    assertThat(db.calls).hasSize(2);
    assertThat(db.calls.get(1)).containsExactlyElementsOf(batch);
    assertThat(db.toldDistinct).containsExactly(true, false);
    assertThat(outcomes).containsExactly(new Conflict(7, 8), RowOutcome.APPLIED, RowOutcome.APPLIED);
  }

  @Test
  void leavesChainsThatCannotCollapseExactlyAsTheyAre() {
    RecordingApplier db = new RecordingApplier(c -> RowOutcome.APPLIED);
    List<RowChange> gap = List.of(update(1, 7, "a", null), update(1, 9, "b", null));
    List<RowChange> setThenIncrement = List.of(
        new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", 2L)), List.of(value("points", 5)), List.of(), 1),
        update(2, 2, null, 3));
    List<RowChange> delete = List.of(update(3, 1, "a", null),
        new RowChange(ACCOUNTS, Op.DELETE, List.of(value("id", 3L)), List.of(), List.of(), 2));
    List<RowChange> nullInBetween = List.of(new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", 4L)),
        List.of(value("status", null)), List.of(), 1), update(4, 2, "b", null));
    List<RowChange> signChange = List.of(update(5, 1, null, -5), update(5, 2, null, 9));

    for (List<RowChange> batch : List.of(gap, setThenIncrement, delete, nullInBetween, signChange)) {
      db.calls.clear();
      new CoalescingApplier(db).apply(null, batch);
      assertThat(db.calls).containsExactly(batch);
    }
  }

  @Test
  void tellsTheDelegateDistinctRowsOnlyWhenEveryRowAppearsOnce() {
    RecordingApplier db = new RecordingApplier(c -> RowOutcome.APPLIED);
    List<RowChange> distinct = List.of(update(1, 1, "a", null), update(2, 1, "b", null));
    List<RowChange> collapsed = List.of(update(1, 1, "a", null), update(2, 1, "b", null),
        update(1, 2, "c", null));
    List<RowChange> gap = List.of(update(1, 7, "a", null), update(2, 1, "b", null),
        update(1, 9, "c", null));
    List<RowChange> collapsedAndGap = List.of(update(1, 1, "a", null), update(2, 7, "b", null),
        update(1, 2, "c", null), update(2, 9, "d", null));

    for (List<RowChange> batch : List.of(distinct, collapsed, gap, collapsedAndGap)) {
      new CoalescingApplier(db).apply(null, batch);
    }

    assertThat(db.toldDistinct).containsExactly(true, true, false, false);
    assertThat(db.calls.get(1)).extracting(RowChange::versionAdvance).containsExactly(2, 1);
    assertThat(db.calls.get(2)).isEqualTo(gap);
    assertThat(db.calls.get(3)).extracting(RowChange::expectedVersion).containsExactly(1L, 7L, 9L);
  }

  @Test
  void collapsesAnExternalRowsChangesToTheHighestVersionAndCallsTheOthersStale() {
    RecordingApplier db = new RecordingApplier(c -> RowOutcome.APPLIED);
    List<RowChange> batch = List.of(external(Op.UPDATE, 1, 7, "a"), external(Op.UPSERT, 1, 9, "b"),
        external(Op.UPDATE, 2, 3, "x"), external(Op.UPDATE, 1, 8, "c"));

    List<RowOutcome> outcomes = new CoalescingApplier(db).apply(null, batch);

    assertThat(db.calls).containsExactly(List.of(batch.get(1), batch.get(2)));
    assertThat(db.toldDistinct).containsExactly(true);
    assertThat(outcomes).containsExactly(
        new Stale(7), RowOutcome.APPLIED, RowOutcome.APPLIED, new Stale(8));
  }

  @Test
  void amongEqualExternalVersionsADeleteWinsElseTheFirst() {
    RecordingApplier db = new RecordingApplier(c -> RowOutcome.APPLIED);
    RowChange deleteAtTheUpdatesVersion = external(Op.DELETE, 1, 5, null);
    RowChange firstOfTwoEqual = external(Op.UPDATE, 2, 5, "first");
    List<RowChange> batch = List.of(external(Op.UPDATE, 1, 5, "a"), deleteAtTheUpdatesVersion,
        external(Op.UPDATE, 1, 4, "b"), firstOfTwoEqual, external(Op.UPSERT, 2, 5, "second"));

    List<RowOutcome> outcomes = new CoalescingApplier(db).apply(null, batch);

    assertThat(db.calls).containsExactly(List.of(deleteAtTheUpdatesVersion, firstOfTwoEqual));
    assertThat(outcomes).containsExactly(new Stale(5), RowOutcome.APPLIED, new Stale(4),
        RowOutcome.APPLIED, new Stale(5));
  }

  @Test
  void aStaleNewestExternalChangeLeavesEveryOtherOfItsRowStale() {
    RecordingApplier db = new RecordingApplier(c -> new Stale(c.newVersion()));
    List<RowChange> batch = List.of(external(Op.UPDATE, 1, 2, "a"), external(Op.UPDATE, 1, 3, "b"));

    assertThat(new CoalescingApplier(db).apply(null, batch))
        .containsExactly(new Stale(2), new Stale(3));
    assertThat(db.calls).hasSize(1);
  }

  @Test
  void whenTheNewestExternalChangeIsRefusedTheOlderOnesApplyOneByOne() {
    Rejected refused = new Rejected(DeadLetterReason.CONSTRAINT_VIOLATION, "23502",
        new SQLException("null value", "23502"));
    RecordingApplier db = new RecordingApplier(
        c -> c.newVersion() == 9 ? refused : RowOutcome.APPLIED);
    List<RowChange> batch = List.of(external(Op.UPDATE, 1, 7, "a"), external(Op.UPDATE, 1, 9, null),
        external(Op.UPDATE, 1, 8, "c"));

    List<RowOutcome> outcomes = new CoalescingApplier(db).apply(null, batch);

    assertThat(db.calls)
        .containsExactly(List.of(batch.get(1)), List.of(batch.get(0), batch.get(2)));
    assertThat(db.toldDistinct).containsExactly(true, false);
    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, refused, RowOutcome.APPLIED);
  }

  @Test
  void addsOnlyWhereTheSumIsExact() {
    assertThat(CoalescingApplier.add(1L, 2L)).contains(3L);
    assertThat(CoalescingApplier.add(new BigDecimal("1.5"), new BigDecimal("2.25"))).contains(new BigDecimal("3.75"));
    assertThat(CoalescingApplier.add(Integer.MAX_VALUE, 1)).isEmpty();
    assertThat(CoalescingApplier.add(null, 4)).contains(4);
    // x + 0.1 + 0.2 and x + (0.1 + 0.2) round differently in binary: floats are never summed
    assertThat(CoalescingApplier.add(0.1d, 0.2d)).isEmpty();
    assertThat(CoalescingApplier.add(0.1f, 0.2f)).isEmpty();
  }
}
