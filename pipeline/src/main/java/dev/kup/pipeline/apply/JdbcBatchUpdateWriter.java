package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Query;

/** The portable writer: one jOOQ batch of bound UPDATE statements, one update count each. */
public final class JdbcBatchUpdateWriter implements UpdateWriter {

  @Override
  public int[] write(DSLContext tx, List<RowChange> sameShape) {
    return execute(tx, sameShape, JooqStatements::update, JooqStatements::updateBinds);
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
