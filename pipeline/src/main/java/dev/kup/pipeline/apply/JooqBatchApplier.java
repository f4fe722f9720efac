package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.RowChange.Shape;
import dev.kup.schemas.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jooq.DSLContext;

/**
 * The portable apply strategy: version-checked statements executed as jOOQ batches with bind
 * values, one JDBC batch per SQL shape per wave (see {@link Waves}). Every update count becomes
 * an outcome: 1 is applied; 0 is looked up to tell a missing row from a version conflict. An
 * upsert of an absent row whose expected version is 0 becomes an insert with version 1. Changes
 * of external-version tables go to {@link ExternalVersionWrites}, through the same writer.
 * Stateless and thread-safe.
 */
public final class JooqBatchApplier implements BatchApplier {
  private final UpdateWriter updates;
  private final ExternalVersionWrites external;

  /** The portable strategy: every group is a JDBC batch. */
  public JooqBatchApplier() {
    this(new JdbcBatchUpdateWriter());
  }

  /** @param updates how groups of updates are written (e.g. {@link UnnestUpdateWriter}) */
  public JooqBatchApplier(UpdateWriter updates) {
    this.updates = updates;
    this.external = new ExternalVersionWrites(updates);
  }

  @Override
  public List<RowOutcome> apply(DSLContext tx, List<RowChange> changes) {
    return applyWaves(tx, changes, Waves.of(changes));
  }

  /** Distinct rows are one wave. */
  @Override
  public List<RowOutcome> applyDistinct(DSLContext tx, List<RowChange> changes) {
    return applyWaves(tx, changes, List.of(IntStream.range(0, changes.size()).boxed().toList()));
  }

  private List<RowOutcome> applyWaves(DSLContext tx, List<RowChange> changes, List<List<Integer>> waves) {
    RowOutcome[] outcomes = new RowOutcome[changes.size()];
    for (List<Integer> wave : waves) {
      applyWave(tx, changes, wave, outcomes);
    }
    return Arrays.asList(outcomes);
  }

  private void applyWave(DSLContext tx, List<RowChange> changes, List<Integer> wave, RowOutcome[] out) {
    List<Integer> unmatched = new ArrayList<>();
    for (List<Integer> group : byShape(changes, wave)) {
      RowChange first = changes.get(group.get(0));
      List<RowChange> members = group.stream().map(changes::get).toList();
      if (first.table().externalVersions()) {
        List<RowOutcome> outcomes = external.apply(tx, members);
        for (int i = 0; i < group.size(); i++) {
          out[group.get(i)] = outcomes.get(i);
        }
        continue;
      }
      int[] counts = first.op() == Op.DELETE
          ? JdbcBatchUpdateWriter.execute(tx, members, JooqStatements::delete, JooqStatements::deleteBinds)
          : updates.write(tx, members);
      for (int i = 0; i < group.size(); i++) {
        if (UpdateCounts.changedRow(counts[i])) {
          out[group.get(i)] = RowOutcome.APPLIED;
        } else {
          unmatched.add(group.get(i));
        }
      }
    }
    List<Integer> inserts = classifyUnmatched(tx, changes, unmatched, out);
    for (List<Integer> group : byShape(changes, inserts)) {
      int[] counts = JdbcBatchUpdateWriter.execute(tx, group.stream().map(changes::get).toList(),
          JooqStatements::insert, JooqStatements::insertBinds);
      for (int i = 0; i < group.size(); i++) {
        if (!UpdateCounts.changedRow(counts[i])) {
          throw new IllegalStateException("insert of an absent row wrote nothing");
        }
        out[group.get(i)] = RowOutcome.APPLIED;
      }
    }
  }

  /** Sets conflict / not-found outcomes; returns the upserts that should insert instead. */
  private static List<Integer> classifyUnmatched(
      DSLContext tx, List<RowChange> changes, List<Integer> unmatched, RowOutcome[] out) {
    List<Integer> inserts = new ArrayList<>();
    for (int i : unmatched) {
      RowChange change = changes.get(i);
      Optional<RowOutcome> outcome = UpdateCounts.unmatched(
          change.op(), change.expectedVersion(), JooqStatements.currentVersion(tx, change));
      if (outcome.isPresent()) {
        out[i] = outcome.get();
      } else {
        inserts.add(i);
      }
    }
    return inserts;
  }

  /** The positions grouped by SQL shape, in order of first appearance. */
  private static Collection<List<Integer>> byShape(List<RowChange> changes, List<Integer> positions) {
    if (positions.isEmpty()) {
      return List.of();
    }
    RowChange first = changes.get(positions.get(0));
    if (positions.stream().allMatch(i -> changes.get(i).hasShapeOf(first))) {
      return List.of(positions); // the usual batch: one table, one kind of change
    }
    Map<Shape, List<Integer>> groups = new LinkedHashMap<>();
    for (int i : positions) {
      groups.computeIfAbsent(changes.get(i).shape(), s -> new ArrayList<>()).add(i);
    }
    return groups.values();
  }
}
