package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Writes one group of version-checked updates of the same SQL shape, touching distinct rows, and
 * says for each change whether it changed its row (1) or matched nothing (0).
 */
public interface UpdateWriter {
  int[] write(DSLContext tx, List<RowChange> sameShape);
}
