package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Writes one group of changes of the same SQL shape, touching distinct rows, and says for each
 * change whether it changed its row (1) or matched nothing (0); reads the versions of the rows a
 * group did not match, and inserts the upserts of absent rows. Every method runs in the caller's
 * transaction and answers in the order of the changes it was given.
 */
public interface UpdateWriter {
  /**
   * Version-checked updates: each applies when its row is at the expected version or, in an
   * external-version table, at an older version than the change's.
   */
  int[] write(DSLContext tx, List<RowChange> sameShape);

  /**
   * The current version of each change's row, null where the row does not exist. Changes of one
   * table, distinct rows.
   */
  Long[] currentVersions(DSLContext tx, List<RowChange> sameTable);

  /**
   * Expected versions: inserts each change's row (key, set columns, increments as values, version
   * {@link RowChange#newVersion()}), for upserts whose rows were just read as absent. 1 for a
   * change whose row it inserted, 0 for one whose key a row holds by now (written since it was
   * read); a writer that cannot skip such a row raises the database's unique violation instead.
   * Any other unique constraint a row breaks raises its error.
   */
  int[] insert(DSLContext tx, List<RowChange> sameShape);

  /**
   * Expected version 0: inserts the rows of upserts that expect them absent before anything else
   * reads them, when this writer can skip a taken key without an error ({@code ON CONFLICT DO
   * NOTHING}); counts as {@link #insert}. Empty when it cannot for this group: the caller then
   * updates first and inserts what it finds absent. One statement instead of an update that finds
   * nothing, a version lookup and the insert, for streams that create rows.
   */
  default Optional<int[]> insertWhereAbsent(DSLContext tx, List<RowChange> sameShape) {
    return Optional.empty();
  }

  /**
   * External versions: inserts each change's row (key, set columns, the change's version) where
   * the row is absent and no tombstone at least as new blocks it, and removes the older tombstones
   * of the rows it inserted. 0 for a change whose row exists or whose tombstone blocks it.
   */
  int[] insertNewer(DSLContext tx, List<RowChange> sameShape);
}
