package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Applies validated row changes inside a transaction it does not own.
 *
 * <p>Changes to the same row apply in list order. Returns one outcome per change, in the same
 * order. Throws when the database fails for a reason that is not one row's fault; the caller
 * then rolls the whole transaction back.
 */
public interface BatchApplier {
  List<RowOutcome> apply(DSLContext transaction, List<RowChange> changes);

  /**
   * {@link #apply} for changes the caller knows touch distinct rows (as after coalescing), so an
   * applier need not work out again which of them must run after which.
   */
  default List<RowOutcome> applyDistinct(DSLContext transaction, List<RowChange> changes) {
    return apply(transaction, changes);
  }
}
