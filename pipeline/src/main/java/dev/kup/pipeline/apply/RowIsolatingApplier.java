package dev.kup.pipeline.apply;

import dev.kup.pipeline.apply.RowOutcome.Rejected;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.validate.RowChange;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Keeps one bad row from failing its batch. The delegate runs inside a savepoint (a jOOQ nested
 * transaction); when the database refuses the work as poison (SQLSTATE class 22 or 23), the
 * savepoint is rolled back and the changes are split in halves, first half first, so row order
 * holds, down to the single rows at fault, which become {@link Rejected}. Any other failure
 * propagates and fails the whole batch. Costs one savepoint per batch when nothing is wrong and
 * O(bad rows x log batch size) re-executions when something is.
 */
public final class RowIsolatingApplier implements BatchApplier {
  private final BatchApplier delegate;
  private final ErrorClassifier classifier;

  public RowIsolatingApplier(BatchApplier delegate, ErrorClassifier classifier) {
    this.delegate = delegate;
    this.classifier = classifier;
  }

  @Override
  public List<RowOutcome> apply(DSLContext tx, List<RowChange> changes) {
    if (changes.isEmpty()) {
      return List.of();
    }
    try {
      return tx.transactionResult(savepoint -> delegate.apply(savepoint.dsl(), changes));
    } catch (RuntimeException e) {
      if (!(classifier.classify(e) instanceof Failure.Poison poison)) {
        throw e;
      }
      if (changes.size() == 1) {
        return List.of(new Rejected(poison.reason(), poison.sqlState(), poison.cause()));
      }
      int half = changes.size() / 2;
      List<RowOutcome> outcomes = new ArrayList<>(apply(tx, changes.subList(0, half)));
      outcomes.addAll(apply(tx, changes.subList(half, changes.size())));
      return outcomes;
    }
  }
}
