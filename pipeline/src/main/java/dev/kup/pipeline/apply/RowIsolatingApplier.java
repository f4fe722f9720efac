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
    return unlessEveryRowFailedAlike(changes, isolating(tx, changes, false));
  }

  @Override
  public List<RowOutcome> applyDistinct(DSLContext tx, List<RowChange> changes) {
    // halves of distinct rows are distinct rows
    return unlessEveryRowFailedAlike(changes, isolating(tx, changes, true));
  }

  /**
   * The outcomes, unless unclassified isolation refused every row of a group of several with the
   * same SQLSTATE: that is the database refusing the statement (a revoked grant, a broken
   * trigger), not rows at fault, and dead-lettering the whole stream for it would be wrong. The
   * batch then fails as a whole and is retried like an outage, its partition held until the
   * database takes it; a single row at fault among rows that apply is still dead-lettered.
   */
  private List<RowOutcome> unlessEveryRowFailedAlike(List<RowChange> changes, List<RowOutcome> outcomes) {
    if (!isolateUnclassified || outcomes.size() < 2) {
      return outcomes;
    }
    Rejected first = outcomes.get(0) instanceof Rejected r
        && r.reason() == DeadLetterReason.APPLY_FAILED ? r : null;
    if (first == null) {
      return outcomes;
    }
    for (RowOutcome outcome : outcomes) {
      if (!(outcome instanceof Rejected r) || r.reason() != DeadLetterReason.APPLY_FAILED
          || !java.util.Objects.equals(r.sqlState(), first.sqlState())) {
        return outcomes;
      }
    }
    throw new EveryRowRefusedException(changes.size(), first);
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

  /** Every row of a group failed alike: the statement, not the rows, is refused. */
  static final class EveryRowRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EveryRowRefusedException(int rows, Rejected first) {
      super("all " + rows + " rows were refused alike (SQLSTATE " + first.sqlState()
          + "): the database refuses the statement, not the rows", first.cause());
    }
  }
}
