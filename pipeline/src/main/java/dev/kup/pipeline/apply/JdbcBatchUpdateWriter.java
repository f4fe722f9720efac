package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The portable writer: one jOOQ batch of bound statements, one update count each; versions are
 * read one row at a time. An insert is a plain {@code INSERT}, so a row whose key is taken raises
 * the unique violation. Inserts of external versions look each row and its tombstone up first.
 * Stateless.
 */
public final class JdbcBatchUpdateWriter implements UpdateWriter {

  @Override
  public int[] write(DSLContext tx, List<RowChange> sameShape) {
    return execute(tx, sameShape, JooqStatements::update, JooqStatements::updateBinds);
  }

  /** One {@code SELECT} per row. */
  @Override
  public Long[] currentVersions(DSLContext tx, List<RowChange> sameTable) {
    Long[] versions = new Long[sameTable.size()];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = JooqStatements.currentVersion(tx, sameTable.get(i)).orElse(null);
    }
    return versions;
  }

  @Override
  public int[] insert(DSLContext tx, List<RowChange> sameShape) {
    return execute(tx, sameShape, JooqStatements::insert, JooqStatements::insertBinds);
  }

  @Override
  public int[] insertNewer(DSLContext tx, List<RowChange> sameShape) {
    Long[] tombstones = Tombstones.versions(tx, sameShape);
    List<Integer> absent = new ArrayList<>();
    List<RowChange> reborn = new ArrayList<>();
    for (int i = 0; i < sameShape.size(); i++) {
      RowChange change = sameShape.get(i);
      if ((tombstones[i] == null || tombstones[i] < change.newVersion())
          && JooqStatements.currentVersion(tx, change).isEmpty()) {
        absent.add(i);
        if (tombstones[i] != null) {
          reborn.add(change);
        }
      }
    }
    int[] counts = new int[sameShape.size()];
    if (!absent.isEmpty()) {
      int[] inserted = execute(tx, absent.stream().map(sameShape::get).toList(),
          JooqStatements::insert, JooqStatements::insertBinds);
      for (int j = 0; j < inserted.length; j++) {
        counts[absent.get(j)] = inserted[j];
      }
      Tombstones.drop(tx, reborn);
    }
    return counts;
  }

  /** Runs {@code statement} (built from the first change) as a batch bound with each change. */
  static int[] execute(DSLContext tx, List<RowChange> changes,
      BiFunction<DSLContext, RowChange, Query> statement, Function<RowChange, Object[]> binds) {
    BatchBindStep batch = tx.batch(statement.apply(tx, changes.get(0)));
    for (RowChange change : changes) {
      batch = batch.bind(binds.apply(change));
    }
    return batch.execute();
  }
}
