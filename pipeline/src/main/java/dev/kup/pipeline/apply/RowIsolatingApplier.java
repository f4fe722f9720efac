package dev.kup.pipeline.apply;

import dev.kup.pipeline.apply.RowOutcome.Rejected;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.schemas.DeadLetterReason;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  private final boolean isolateUnclassified;

  /** Isolates poison rows only: the normal strategy. */
  public RowIsolatingApplier(BatchApplier delegate, ErrorClassifier classifier) {
    this(delegate, classifier, false);
  }

  /**
   * @param isolateUnclassified also isolate rows failing for reasons the classifier does not
   *     know (dead-lettered as {@code APPLY_FAILED}); used only once the database is known to be
   *     healthy, so that an outage is never mistaken for a bad row
   */
  public RowIsolatingApplier(
      BatchApplier delegate, ErrorClassifier classifier, boolean isolateUnclassified) {
    this.delegate = delegate;
    this.classifier = classifier;
    this.isolateUnclassified = isolateUnclassified;
  }

  @Override
  public List<RowOutcome> apply(DSLContext tx, List<RowChange> changes) {
    return isolating(tx, changes, false);
  }

  @Override
  public List<RowOutcome> applyDistinct(DSLContext tx, List<RowChange> changes) {
    return isolating(tx, changes, true); // halves of distinct rows are distinct rows
  }

  private List<RowOutcome> isolating(DSLContext tx, List<RowChange> changes, boolean distinct) {
    if (changes.isEmpty()) {
      return List.of();
    }
    try {
      return tx.transactionResult(savepoint -> distinct
          ? delegate.applyDistinct(savepoint.dsl(), changes)
          : delegate.apply(savepoint.dsl(), changes));
    } catch (RuntimeException e) {
      Optional<Rejected> rowFault = rowFault(classifier.classify(e));
      if (rowFault.isEmpty()) {
        throw e;
      }
      if (changes.size() == 1) {
        return List.of(rowFault.get());
      }
      int half = changes.size() / 2;
      List<RowOutcome> outcomes = new ArrayList<>(isolating(tx, changes.subList(0, half), distinct));
      outcomes.addAll(isolating(tx, changes.subList(half, changes.size()), distinct));
      return outcomes;
    }
  }

  /** The rejection a failure means when it is one row's own fault, if it is. */
  private Optional<Rejected> rowFault(Failure failure) {
    if (failure instanceof Failure.Poison poison) {
      return Optional.of(new Rejected(poison.reason(), poison.sqlState(), poison.cause()));
    }
    if (isolateUnclassified && failure instanceof Failure.Unclassified unknown) {
      String sqlState = unknown.cause() instanceof SQLException sql ? sql.getSQLState() : null;
      return Optional.of(new Rejected(DeadLetterReason.APPLY_FAILED, sqlState, unknown.cause()));
    }
    return Optional.empty();
  }
}
