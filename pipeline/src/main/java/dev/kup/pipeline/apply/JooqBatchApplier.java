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
 * The apply strategy: version-checked statements per SQL shape per wave (see {@link Waves}),
 * written by an {@link UpdateWriter} (a JDBC batch each, or one set-based statement each on
 * PostgreSQL). Every update count becomes an outcome: 1 is applied; the rows that matched nothing
 * have their versions read, group by group, to tell a missing row from a version conflict. An
 * upsert of an absent row whose expected version is 0 becomes an insert with version 1 (its new
 * version); the inserts are written group by group too, and where the writer can skip a taken key,
 * before the updates, so that a stream creating rows pays one statement for them. Changes of
 * external-version tables go to {@link ExternalVersionWrites}, through the same writer. Stateless
 * and thread-safe.
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
      List<RowChange> members = members(changes, group);
      RowChange first = members.get(0);
      if (first.table().externalVersions()) {
        List<RowOutcome> outcomes = external.apply(tx, members);
        for (int i = 0; i < group.size(); i++) {
          out[group.get(i)] = outcomes.get(i);
        }
        continue;
      }
      List<Integer> toUpdate = first.op() == Op.UPSERT ? insertFirst(tx, changes, group, out) : group;
      if (toUpdate.isEmpty()) {
        continue;
      }
      List<RowChange> updating = toUpdate == group ? members : members(changes, toUpdate);
      int[] counts = first.op() == Op.DELETE
          ? JdbcBatchUpdateWriter.execute(tx, updating, JooqStatements::delete, JooqStatements::deleteBinds)
          : updates.write(tx, updating);
      unmatched.addAll(applied(counts, toUpdate, out));
    }
    for (List<Integer> group : byShape(changes, classifyUnmatched(tx, changes, unmatched, out))) {
      insert(tx, changes, group, out);
    }
  }

  /**
   * Inserts the group's upserts that expect their rows absent (version 0) where the writer can do
   * so without an error on a taken key; returns the positions still to update: the others, and
   * those whose key was taken (their update then applies, conflicts or finds the row, as it would
   * have without this step).
   */
  private List<Integer> insertFirst(
      DSLContext tx, List<RowChange> changes, List<Integer> group, RowOutcome[] out) {
    List<Integer> fresh = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int i : group) {
      (changes.get(i).expectedVersion() == 0 ? fresh : rest).add(i);
    }
    Optional<int[]> inserted = fresh.isEmpty()
        ? Optional.empty() : updates.insertWhereAbsent(tx, members(changes, fresh));
    if (inserted.isEmpty()) {
      return group;
    }
    rest.addAll(applied(inserted.get(), fresh, out));
    return rest;
  }

  /**
   * Sets conflict / not-found outcomes from the current versions of the rows, read group by group;
   * returns the upserts that should insert instead ({@link UpdateCounts#unmatched}).
   */
  private List<Integer> classifyUnmatched(
      DSLContext tx, List<RowChange> changes, List<Integer> unmatched, RowOutcome[] out) {
    List<Integer> inserts = new ArrayList<>();
    for (List<Integer> group : byShape(changes, unmatched)) {
      Long[] current = updates.currentVersions(tx, members(changes, group));
      for (int i = 0; i < group.size(); i++) {
        RowChange change = changes.get(group.get(i));
        Optional<RowOutcome> outcome = UpdateCounts.unmatched(
            change.op(), change.expectedVersion(), Optional.ofNullable(current[i]));
        if (outcome.isPresent()) {
          out[group.get(i)] = outcome.get();
        } else {
          inserts.add(group.get(i));
        }
      }
    }
    return inserts;
  }

  /**
   * Inserts a group of upserts whose rows were read as absent. A row the insert did not write was
   * written by someone else since (which cannot happen while kup owns the row's partition): its
   * version is read again and its outcome follows the same rules.
   *
   * @throws IllegalStateException when such a row is absent once more (inserted and deleted
   *     meanwhile): the batch fails and is retried
   */
  private void insert(DSLContext tx, List<RowChange> changes, List<Integer> group, RowOutcome[] out) {
    List<Integer> taken = applied(updates.insert(tx, members(changes, group)), group, out);
    if (!classifyUnmatched(tx, changes, taken, out).isEmpty()) {
      throw new IllegalStateException("a row an upsert should insert was written and removed by"
          + " someone else during the batch");
    }
  }

  /** Sets the outcome of each change that changed its row; returns the positions of the others. */
  private static List<Integer> applied(int[] counts, List<Integer> group, RowOutcome[] out) {
    List<Integer> unmatched = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      if (UpdateCounts.changedRow(counts[i])) {
        out[group.get(i)] = RowOutcome.APPLIED;
      } else {
        unmatched.add(group.get(i));
      }
    }
    return unmatched;
  }

  private static List<RowChange> members(List<RowChange> changes, List<Integer> group) {
    List<RowChange> members = new ArrayList<>(group.size());
    for (int i : group) {
      members.add(changes.get(i));
    }
    return members;
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
