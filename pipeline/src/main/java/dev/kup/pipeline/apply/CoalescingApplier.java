package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.RowChange.RowId;
import dev.kup.schemas.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Collapses a hot row's chain of updates into one write. When every change of a row in the batch
 * is an update and their expected versions chain (v, v+1, …), they become one update expecting v
 * that advances the version by the chain's length, with the last value set per column and the
 * increments added up. If that write does not apply (conflict, missing row, refused), the row's
 * chain is applied again one change at a time, so every outcome is exactly what sequential
 * application gives. Rows with a single change, other operations, or a column both set and
 * incremented go through unchanged.
 *
 * <p>In an external-version table, where a change carries the row's version after it, a row's
 * changes collapse to the newest ({@link #newest}) and the others are stale, exactly what
 * applying them one by one leaves (nothing is added up there); only if the database refuses the
 * newest are the others applied one at a time after it.
 *
 * <p>The collapsed write skips the row's intermediate states, so a constraint that only an
 * intermediate state would break goes unseen. Two guards keep the common cases exact: a chain that
 * sets a column to null is not collapsed (NOT NULL), and neither is one whose increments of a
 * column change sign (a bound such as {@code balance >= 0} holds along a monotonic path when it
 * holds at both ends). Multi-column CHECK constraints or triggers that look at intermediate
 * states need coalescing turned off.
 */
public final class CoalescingApplier implements BatchApplier {
  private final BatchApplier delegate;

  public CoalescingApplier(BatchApplier delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<RowOutcome> apply(DSLContext tx, List<RowChange> changes) {
    int n = changes.size();
    // each row's chain as links from its first change: no list per row, most rows change once
    Map<RowId, Integer> firstOf = new HashMap<>(n * 4 / 3 + 1);
    int[] next = new int[n];
    int[] lastOf = new int[n];
    boolean[] first = new boolean[n];
    for (int i = 0; i < n; i++) {
      next[i] = -1;
      Integer head = firstOf.putIfAbsent(changes.get(i).rowId(), i);
      if (head == null) {
        first[i] = true;
        lastOf[i] = i;
      } else {
        next[lastOf[head]] = i;
        lastOf[head] = i;
      }
    }
    if (firstOf.size() == n) {
      return delegate.applyDistinct(tx, changes); // every row changes once: nothing to collapse
    }
    List<Step> plan = new ArrayList<>();
    boolean distinct = true;
    for (int i = 0; i < n; i++) {
      if (!first[i]) {
        continue;
      }
      if (next[i] < 0) {
        plan.add(new Step(changes.get(i), List.of(i), i));
        continue;
      }
      List<Integer> chain = new ArrayList<>();
      for (int c = i; c >= 0; c = next[c]) {
        chain.add(c);
      }
      List<Step> steps = steps(changes, chain);
      distinct &= steps.size() == 1;
      plan.addAll(steps);
    }
    if (plan.size() == n) {
      return delegate.apply(tx, changes);
    }
    return applyPlan(tx, changes, plan, distinct);
  }

  private List<RowOutcome> applyPlan(
      DSLContext tx, List<RowChange> changes, List<Step> plan, boolean distinct) {
    RowOutcome[] outcomes = new RowOutcome[changes.size()];
    List<RowChange> writes = plan.stream().map(Step::write).toList();
    List<RowOutcome> planOutcomes =
        distinct ? delegate.applyDistinct(tx, writes) : delegate.apply(tx, writes);
    List<Integer> redo = new ArrayList<>();
    for (int k = 0; k < plan.size(); k++) {
      Step step = plan.get(k);
      RowOutcome outcome = planOutcomes.get(k);
      if (step.members().size() == 1) {
        outcomes[step.members().get(0)] = outcome;
      } else if (step.newest() != Step.MERGED) {
        outcomes[step.newest()] = outcome;
        for (int m : step.members()) {
          if (m == step.newest()) {
            continue;
          }
          if (outcome instanceof RowOutcome.Rejected) {
            redo.add(m); // the newest state was refused: the older ones may still apply
          } else {
            outcomes[m] = new RowOutcome.Stale(changes.get(m).newVersion());
          }
        }
      } else if (outcome instanceof RowOutcome.Applied) {
        step.members().forEach(i -> outcomes[i] = RowOutcome.APPLIED);
      } else {
        redo.addAll(step.members());
      }
    }
    if (!redo.isEmpty()) {
      List<RowOutcome> one = delegate.apply(tx, redo.stream().map(changes::get).toList());
      for (int j = 0; j < redo.size(); j++) {
        outcomes[redo.get(j)] = one.get(j);
      }
    }
    return List.of(outcomes);
  }

  /** How a row's chain of changes is written: in one step when it collapses, else one by one. */
  private static List<Step> steps(List<RowChange> changes, List<Integer> chain) {
    if (changes.get(chain.get(0)).table().externalVersions()) {
      int newest = newest(changes, chain);
      return List.of(new Step(changes.get(newest), chain, newest));
    }
    Optional<RowChange> merged = coalesce(changes, chain);
    if (merged.isPresent()) {
      return List.of(new Step(merged.get(), chain, Step.MERGED));
    }
    return chain.stream().map(c -> new Step(changes.get(c), List.of(c), c)).toList();
  }

  /**
   * The position of the change a row of an external-version table ends in, as applying its
   * changes one by one would leave it: the highest version; among equal ones a delete (a delete
   * applies at the row's own version, an update at it is stale), else the first.
   */
  static int newest(List<RowChange> changes, List<Integer> chain) {
    int newest = chain.get(0);
    for (int c : chain) {
      RowChange change = changes.get(c);
      RowChange best = changes.get(newest);
      if (change.newVersion() > best.newVersion() || change.newVersion() == best.newVersion()
          && change.op() == Op.DELETE && best.op() != Op.DELETE) {
        newest = c;
      }
    }
    return newest;
  }

  /**
   * One write of the plan and the changes it stands for.
   *
   * @param newest the one change of the row that is written, or {@link #MERGED} when the write
   *     merges a chain of updates
   */
  private record Step(RowChange write, List<Integer> members, int newest) {
    static final int MERGED = -1;
  }

  /** The chain as one update, or empty when it cannot be collapsed exactly. */
  static Optional<RowChange> coalesce(List<RowChange> changes, List<Integer> chain) {
    RowChange first = changes.get(chain.get(0));
    Map<ColumnSchema, Object> set = new LinkedHashMap<>();
    Map<ColumnSchema, Object> increments = new LinkedHashMap<>();
    for (int n = 0; n < chain.size(); n++) {
      RowChange c = changes.get(chain.get(n));
      if (c.op() != Op.UPDATE || c.versionAdvance() != 1
          || c.expectedVersion() != first.expectedVersion() + n) {
        return Optional.empty();
      }
      for (ColumnValue v : c.set()) {
        if (v.value() == null) {
          return Optional.empty();
        }
        set.put(v.column(), v.value());
      }
      for (ColumnValue v : c.increments()) {
        Object before = increments.get(v.column());
        Optional<Object> sum = add(before, v.value());
        if (sum.isEmpty() || (before != null && sign(before) * sign(v.value()) < 0)) {
          return Optional.empty();
        }
        increments.put(v.column(), sum.get());
      }
    }
    Set<ColumnSchema> both = new HashSet<>(set.keySet());
    both.retainAll(increments.keySet());
    if (!both.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RowChange(first.table(), Op.UPDATE, first.key(), values(set),
        values(increments), first.expectedVersion(), chain.size()));
  }

  private static List<ColumnValue> values(Map<ColumnSchema, Object> byColumn) {
    List<ColumnValue> values = new ArrayList<>();
    byColumn.forEach((column, value) -> values.add(new ColumnValue(column, value)));
    return values;
  }

  private static int sign(Object number) {
    return number instanceof BigDecimal d ? d.signum() : Long.signum(((Number) number).longValue());
  }

  /** {@code a + b} in their own Java type, or empty when that type cannot hold the sum exactly. */
  static Optional<Object> add(Object a, Object b) {
    if (a == null) {
      return Optional.ofNullable(b);
    }
    if (b == null) {
      return Optional.empty();
    }
    try {
      if (a instanceof Long x && b instanceof Long y) {
        return Optional.of(Math.addExact(x, y));
      }
      if (a instanceof Integer x && b instanceof Integer y) {
        return Optional.of(Math.addExact(x, y));
      }
      if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
        return Optional.of(x.add(y));
      }
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
