package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.VersionMode;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TestTables;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.Op;
import dev.kup.schemas.UpdateRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The property external versions exist for, without I/O: however a row's events arrive
 * (duplicated, in any order, in any batches), the row ends in the state of its newest event. The
 * database is a model of the statements' semantics ({@link ExternalVersionWrites}); the contract
 * ITs hold the statements to the same property on each database.
 */
class ExternalVersionConvergenceTest {
  private static final RecordValidator VALIDATOR = new RecordValidator(TestTables.catalogOf(
      TestTables.inMode(TestTables.accounts(ConflictPolicy.DLQ), VersionMode.EXTERNAL)),
      new ColumnValueConverter());
  private static final List<Long> IDS = LongStream.rangeClosed(1, 8).boxed().toList();

  @Test
  void anyDeliveryOfARowsEventsEndsInItsNewestEventWithAndWithoutCoalescing() {
    for (long seed = 0; seed < 2_000; seed++) {
      ExternalEventStreams.Scenario scenario =
          ExternalEventStreams.scenario(new Random(seed), "accounts", IDS);
      for (boolean coalesce : new boolean[] {false, true}) {
        ModelDatabase db = new ModelDatabase(scenario.before());
        BatchApplier applier = coalesce ? new CoalescingApplier(db) : db;
        int outcomes = 0;
        for (List<UpdateRecord> batch : scenario.batches()) {
          List<RowOutcome> result = applier.apply(null, changes(batch));
          assertThat(result).as("seed %d", seed).hasSize(batch.size())
              .allMatch(o -> o instanceof RowOutcome.Applied || o instanceof RowOutcome.Stale);
          outcomes += result.size();
        }
        assertThat(outcomes).isEqualTo(scenario.events());
        assertThat(db.state()).as("seed %d, coalescing %s", seed, coalesce)
            .isEqualTo(scenario.after());
      }
    }
  }

  @Test
  void theModelAppliesEachEventOnlyWhereTheStatementsWould() {
    ModelDatabase db = new ModelDatabase(Map.of(1L, 5L));
    List<RowChange> changes = changes(List.of(
        UpdateRecord.update("accounts", Map.of("id", 1L), 5).set("status", "equal"),
        UpdateRecord.delete("accounts", Map.of("id", 1L), 5),
        UpdateRecord.upsert("accounts", Map.of("id", 1L), 5).set("status", "late"),
        UpdateRecord.upsert("accounts", Map.of("id", 1L), 6).set("status", "again")));

    assertThat(db.apply(null, changes)).containsExactly(new RowOutcome.Stale(5),
        RowOutcome.APPLIED, new RowOutcome.Stale(5), RowOutcome.APPLIED);
    assertThat(db.state()).containsEntry(1L, "again@6");
    assertThat(db.tombstones).isEmpty();
  }

  private static List<RowChange> changes(List<UpdateRecord> records) {
    return records.stream()
        .map(r -> ((Validation.Accepted) VALIDATOR.validate(r, r.kafkaKey())).change())
        .toList();
  }

  /** Rows and tombstones in memory, changed one change at a time as the statements change them. */
  private static final class ModelDatabase implements BatchApplier {
    final Map<Long, String> statuses = new HashMap<>();
    final Map<Long, Long> versions = new HashMap<>();
    final Map<Long, Long> tombstones = new HashMap<>();

    ModelDatabase(Map<Long, Long> before) {
      before.forEach((id, version) -> {
        statuses.put(id, "old");
        versions.put(id, version);
      });
    }

    @Override
    public List<RowOutcome> apply(DSLContext tx, List<RowChange> changes) {
      return changes.stream().map(this::apply).toList();
    }

    private RowOutcome apply(RowChange change) {
      long id = (Long) change.key().get(0).value();
      long version = change.newVersion();
      Long stored = versions.get(id);
      boolean blocked = tombstones.getOrDefault(id, 0L) >= version;
      if (change.op() == Op.DELETE) {
        if (stored != null ? stored > version : blocked) {
          return new RowOutcome.Stale(version);
        }
        statuses.remove(id);
        versions.remove(id);
        tombstones.merge(id, version, Math::max);
        return RowOutcome.APPLIED;
      }
      if (stored != null ? stored >= version : blocked) {
        return new RowOutcome.Stale(version);
      }
      if (stored == null) {
        tombstones.remove(id); // an insert removes an older tombstone; an update has none
      }
      statuses.put(id, (String) change.set().get(0).value());
      versions.put(id, version);
      return RowOutcome.APPLIED;
    }

    /** Every row that had events: "status@version", or "absent". */
    Map<Long, String> state() {
      Map<Long, String> state = new LinkedHashMap<>();
      for (long id : IDS) {
        state.put(id,
            versions.containsKey(id) ? statuses.get(id) + "@" + versions.get(id) : "absent");
      }
      return state;
    }
  }
}
