package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import dev.kup.schemas.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Applies one group of same-shape changes to distinct rows of an external-version table, where a
 * change carries the row's version after it, and says which applied and which were stale:
 *
 * <ul>
 *   <li>an update or upsert updates its row when the row's version is older; otherwise inserts
 *       it (key, set columns, version) when it is absent and no tombstone at least as new blocks
 *       it, removing an older tombstone; otherwise it is stale;
 *   <li>a delete deletes its row unless the row is newer, and leaves a tombstone at the delete's
 *       version, also when the row was already gone; it is stale when the row or a tombstone is
 *       newer, or a tombstone is as new.
 * </ul>
 *
 * Every statement runs in the caller's transaction, tombstones included. Stateless.
 */
final class ExternalVersionWrites {
  private final UpdateWriter writer;

  ExternalVersionWrites(UpdateWriter writer) {
    this.writer = writer;
  }

  /** One outcome per change, in order: applied or stale. */
  List<RowOutcome> apply(DSLContext tx, List<RowChange> sameShape) {
    return sameShape.get(0).op() == Op.DELETE ? deletes(tx, sameShape) : upserts(tx, sameShape);
  }

  private List<RowOutcome> upserts(DSLContext tx, List<RowChange> changes) {
    RowOutcome[] out = new RowOutcome[changes.size()];
    int[] updated = writer.write(tx, changes);
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      if (UpdateCounts.changedRow(updated[i])) {
        out[i] = RowOutcome.APPLIED;
      } else {
        rest.add(i);
      }
    }
    if (!rest.isEmpty()) {
      int[] inserted = writer.insertNewer(tx, rest.stream().map(changes::get).toList());
      for (int j = 0; j < rest.size(); j++) {
        RowChange change = changes.get(rest.get(j));
        out[rest.get(j)] = UpdateCounts.changedRow(inserted[j])
            ? RowOutcome.APPLIED : new RowOutcome.Stale(change.newVersion());
      }
    }
    return Arrays.asList(out);
  }

  private static List<RowOutcome> deletes(DSLContext tx, List<RowChange> changes) {
    Long[] tombstones = Tombstones.versions(tx, changes);
    int[] deleted = JdbcBatchUpdateWriter.execute(
        tx, changes, JooqStatements::delete, JooqStatements::deleteBinds);
    RowOutcome[] out = new RowOutcome[changes.size()];
    List<RowChange> buried = new ArrayList<>();
    List<Long> older = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      RowChange change = changes.get(i);
      boolean blocked = tombstones[i] != null && tombstones[i] >= change.newVersion();
      if (UpdateCounts.changedRow(deleted[i])
          || !blocked && JooqStatements.currentVersion(tx, change).isEmpty()) {
        out[i] = RowOutcome.APPLIED;
        if (!blocked) {
          buried.add(change);
          older.add(tombstones[i]);
        }
      } else {
        out[i] = new RowOutcome.Stale(change.newVersion());
      }
    }
    Tombstones.record(tx, buried, older.toArray(Long[]::new));
    return Arrays.asList(out);
  }
}
