package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Writes one group of changes of the same SQL shape, touching distinct rows, and says for each
 * change whether it changed its row (1) or matched nothing (0).
 */
public interface UpdateWriter {
  /**
   * Version-checked updates: each applies when its row is at the expected version or, in an
   * external-version table, at an older version than the change's.
   */
  int[] write(DSLContext tx, List<RowChange> sameShape);

  /**
   * External versions: inserts each change's row (key, set columns, the change's version) where
   * the row is absent and no tombstone at least as new blocks it, and removes the older tombstones
   * of the rows it inserted. 0 for a change whose row exists or whose tombstone blocks it.
   */
  int[] insertNewer(DSLContext tx, List<RowChange> sameShape);
}
