package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.pipeline.apply.RowOutcome.Rejected;
import dev.kup.pipeline.apply.RowOutcome.Stale;
import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.config.VersionMode;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * What every apply strategy does with external versions, against a real database: each subclass
 * names one applier chain and one database. Groups hold at least {@value
 * UnnestUpdateWriter#MIN_GROUP} changes of one shape, so the set-based statements run where the
 * strategy has them. One instance serves the whole class.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class ExternalVersionContractIT {
  private final DSLContext dsl;
  private final BatchApplier applier = applier();
  private RecordValidator validator;

  ExternalVersionContractIT(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The chain under test, as the service composes it. */
  abstract BatchApplier applier();

  static BatchApplier isolating(BatchApplier strategy) {
    return new RowIsolatingApplier(strategy, new PipelineErrorClassifier());
  }

  @BeforeAll
  void createTables() {
    dsl.execute("""
        CREATE TABLE orders (
          id BIGINT PRIMARY KEY,
          status VARCHAR(20) NOT NULL DEFAULT 'new',
          note VARCHAR(20),
          version BIGINT NOT NULL)""");
    dsl.execute("""
        CREATE TABLE order_lines (
          order_id BIGINT, line INT, qty INT NOT NULL DEFAULT 0, rev INT NOT NULL,
          PRIMARY KEY (order_id, line))""");
    dsl.execute("""
        CREATE TABLE accounts (
          id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL DEFAULT 'new',
          version BIGINT NOT NULL)""");
    Tombstones.createIfMissing(dsl);
    Tombstones.createIfMissing(dsl); // idempotent
    var catalog = JooqTableCatalog.load(dsl, List.of(
        new TableOptions("orders", "version", ConflictPolicy.DLQ, VersionMode.EXTERNAL),
        new TableOptions("order_lines", "rev", ConflictPolicy.DLQ, VersionMode.EXTERNAL),
        TableOptions.withDefaults("accounts")));
    validator = new RecordValidator(catalog, new ColumnValueConverter());
  }

  @BeforeEach
  void resetRows() {
    dsl.truncate("orders").execute();
    dsl.truncate("order_lines").execute();
    dsl.truncate("accounts").execute();
    dsl.truncate(Tombstones.TOMBSTONES).execute();
    for (long id = 1; id <= 8; id++) {
      dsl.execute("INSERT INTO orders (id, status, note, version) VALUES (?, 'open', 'n', 5)", id);
    }
  }

  @Test
  void appliesANewerVersionAndStoresItAsTheRowsVersion() {
    List<RowOutcome> outcomes = apply(
        update(1, 6, "paid"), update(2, 7, "paid"), update(3, 900, "paid"), update(4, 6, "paid"),
        upsert(5, 8, "sent"), upsert(6, 8, "sent"), upsert(7, 8, "sent"), upsert(8, 8, "sent"));

    assertThat(outcomes).containsOnly(RowOutcome.APPLIED);
    assertThat(order(3)).containsEntry("status", "paid").containsEntry("version", 900L)
        .as("a column the change does not name keeps its value").containsEntry("note", "n");
    assertThat(order(8)).containsEntry("status", "sent").containsEntry("version", 8L);
  }

  @Test
  void anEqualOrOlderVersionIsStaleAndTheRestOfTheBatchApplies() {
    List<RowOutcome> outcomes = apply(
        update(1, 5, "equal"), update(2, 4, "older"), update(3, 6, "newer"), update(4, 1, "older"),
        update(5, 5, "equal"), update(6, 6, "newer"), update(7, 6, "newer"), update(8, 6, "newer"),
        upsert(1, 5, "equal"), upsert(2, 3, "older"), upsert(3, 5, "older"), upsert(4, 2, "older"));

    assertThat(outcomes).containsExactly(
        new Stale(5), new Stale(4), RowOutcome.APPLIED, new Stale(1),
        new Stale(5), RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED,
        new Stale(5), new Stale(3), new Stale(5), new Stale(2));
    assertThat(order(1)).containsEntry("status", "open").containsEntry("version", 5L);
    assertThat(order(2)).containsEntry("status", "open").containsEntry("version", 5L);
    assertThat(order(3)).containsEntry("status", "newer").containsEntry("version", 6L);
    assertThat(tombstones()).isEmpty();
  }

  @Test
  void insertsAnAbsentRowWithItsKeyItsSetColumnsAndItsVersion() {
    List<RowOutcome> outcomes = apply(
        upsert(100, 3, "born"), upsert(101, 1, "born"), upsert(102, 7, "born"),
        upsert(103, 2, "born"), update(200, 4, "born"), update(201, 4, "born"),
        update(202, 4, "born"), update(203, 4, "born"),
        update(1, 4, "older"));

    assertThat(outcomes.subList(0, 8)).containsOnly(RowOutcome.APPLIED);
    assertThat(outcomes.get(8)).isEqualTo(new Stale(4));
    assertThat(order(102)).containsEntry("status", "born").containsEntry("version", 7L)
        .containsEntry("note", null);
    assertThat(order(203)).containsEntry("status", "born").containsEntry("version", 4L);
  }

  @Test
  void deletesUnlessTheRowIsNewerAndLeavesATombstoneAtTheDeletesVersion() {
    List<RowOutcome> outcomes = apply(
        delete(1, 5), delete(2, 6), delete(3, 4), delete(4, 1), delete(5, 9),
        delete(50, 3), delete(51, 3), delete(52, 3), delete(53, 3));

    assertThat(outcomes).containsExactly(
        RowOutcome.APPLIED, RowOutcome.APPLIED, new Stale(4), new Stale(1), RowOutcome.APPLIED,
        RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED);
    assertThat(order(1)).isNull();
    assertThat(order(3)).containsEntry("version", 5L);
    assertThat(tombstones()).containsExactly(
        "orders 1 5", "orders 2 6", "orders 5 9", "orders 50 3", "orders 51 3", "orders 52 3",
        "orders 53 3");
  }

  @Test
  void aNewerDeleteOfAGoneRowMovesItsTombstoneForward() {
    apply(delete(1, 6), delete(2, 6), delete(70, 6), delete(71, 6));

    assertThat(apply(delete(1, 9), delete(2, 7), delete(70, 8), delete(71, 6)))
        .containsExactly(RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED,
            new Stale(6));
    assertThat(tombstones())
        .containsExactly("orders 1 9", "orders 2 7", "orders 70 8", "orders 71 6");
    assertThat(apply(upsert(1, 8, "late"), upsert(2, 8, "again"), upsert(70, 8, "late"),
        upsert(71, 7, "again")))
        .containsExactly(new Stale(8), RowOutcome.APPLIED, new Stale(8), RowOutcome.APPLIED);
  }

  @Test
  void aTombstoneKeepsALateOlderOrEqualChangeFromBringingTheRowBack() {
    apply(delete(1, 10), delete(2, 10), delete(3, 10), delete(4, 10), delete(60, 10),
        delete(61, 10), delete(62, 10));

    // one batch per kind of change, so that each is one group of distinct rows
    List<RowOutcome> late = new ArrayList<>();
    late.addAll(apply(upsert(1, 9, "late"), upsert(2, 10, "late"), upsert(3, 6, "late"),
        upsert(4, 10, "late"), upsert(60, 2, "late")));
    late.addAll(apply(update(1, 10, "late"), update(2, 9, "late"), update(3, 9, "late"),
        update(4, 7, "late"), update(61, 10, "late")));
    late.addAll(apply(delete(1, 8), delete(2, 10), delete(3, 9), delete(4, 2), delete(62, 10)));

    assertThat(late).allSatisfy(o -> assertThat(o).isInstanceOf(Stale.class));
    assertThat(dsl.fetchCount(DSL.table("orders"), DSL.field("id").in(1, 2, 3, 4, 60, 61, 62)))
        .isZero();
    assertThat(tombstones()).containsExactly("orders 1 10", "orders 2 10", "orders 3 10",
        "orders 4 10", "orders 60 10", "orders 61 10", "orders 62 10");
  }

  @Test
  void aNewerInsertAfterADeleteWinsAndRemovesTheTombstone() {
    apply(delete(1, 10), delete(2, 10), delete(3, 10), delete(4, 10), delete(5, 10));

    List<RowOutcome> reborn = apply(
        upsert(1, 11, "again"), upsert(2, 12, "again"), upsert(3, 11, "again"),
        upsert(4, 20, "again"), update(5, 9, "late"));

    assertThat(reborn).containsExactly(RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED,
        RowOutcome.APPLIED, new Stale(9));
    assertThat(order(2)).containsEntry("status", "again").containsEntry("version", 12L)
        .containsEntry("note", null);
    assertThat(tombstones()).containsExactly("orders 5 10");
    assertThat(apply(update(1, 10, "older"), delete(2, 11), delete(3, 11), delete(4, 11)))
        .containsExactly(new Stale(10), new Stale(11), RowOutcome.APPLIED, new Stale(11));
  }

  @Test
  void aRowsSeveralEventsInOneBatchEndInTheNewest() {
    List<RowOutcome> outcomes = apply(
        update(1, 7, "v7"), update(1, 9, "v9"), update(1, 8, "v8"),
        update(2, 6, "v6"), delete(2, 8), update(2, 7, "v7"),
        update(3, 6, "v6"), delete(3, 6),
        delete(4, 6), upsert(4, 6, "after the delete"));

    assertThat(outcomes.get(1)).isEqualTo(RowOutcome.APPLIED);
    assertThat(outcomes.get(2)).isEqualTo(new Stale(8));
    assertThat(outcomes.get(5)).isEqualTo(new Stale(7));
    assertThat(outcomes.get(9)).isEqualTo(new Stale(6));
    assertThat(order(1)).containsEntry("status", "v9").containsEntry("version", 9L);
    assertThat(order(2)).isNull();
    assertThat(order(3)).as("a delete at the row's version of an update deletes it").isNull();
    assertThat(order(4)).isNull();
    assertThat(tombstones()).containsExactly("orders 2 8", "orders 3 6", "orders 4 6");
  }

  @Test
  void keepsTheRulesOfExpectedVersionTablesInTheSameBatch() {
    dsl.execute("INSERT INTO accounts (id, status, version) VALUES (1, 'a', 5), (2, 'a', 5)");

    List<RowOutcome> outcomes = apply(
        UpdateRecord.update("accounts", Map.of("id", 1L), 5).set("status", "b"),
        update(1, 6, "x"), update(2, 5, "x"),
        UpdateRecord.update("accounts", Map.of("id", 2L), 4).set("status", "b"),
        UpdateRecord.update("accounts", Map.of("id", 1L), 6).set("status", "c"),
        UpdateRecord.upsert("accounts", Map.of("id", 3L)).set("status", "new"),
        update(3, 6, "x"), update(4, 6, "x"));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, RowOutcome.APPLIED, new Stale(5),
        new Conflict(4, 5), RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED,
        RowOutcome.APPLIED);
    assertThat(dsl.fetchValue("SELECT version FROM accounts WHERE id = 1")).isEqualTo(7L);
    assertThat(dsl.fetchValue("SELECT status FROM accounts WHERE id = 1")).isEqualTo("c");
    assertThat(dsl.fetchValue("SELECT version FROM accounts WHERE id = 3")).isEqualTo(1L);
  }

  @Test
  void appliesCompositeKeysAndAConfiguredVersionColumn() {
    assertThat(apply(line(1, 3, 10), line(2, 3, 20), line(3, 3, 30), line(4, 3, 40)))
        .containsOnly(RowOutcome.APPLIED);
    assertThat(apply(UpdateRecord.delete("order_lines", Map.of("order_id", 7L, "line", 2L), 4)))
        .containsOnly(RowOutcome.APPLIED);

    assertThat(apply(line(2, 3, 99), line(1, 3, 99), line(3, 2, 99), line(4, 5, 44)))
        .containsExactly(new Stale(3), new Stale(3), new Stale(2), RowOutcome.APPLIED);
    assertThat(dsl.fetchValue("SELECT qty FROM order_lines WHERE order_id = 7 AND line = 4"))
        .isEqualTo(44);
    assertThat(dsl.fetchValue("SELECT rev FROM order_lines WHERE order_id = 7 AND line = 4"))
        .isEqualTo(5);
    assertThat(dsl.fetchCount(DSL.table("order_lines"), DSL.field("line").eq(2))).isZero();
    assertThat(tombstones()).containsExactly("order_lines line=2,order_id=7 4");
  }

  @Test
  void isolatesARowTheDatabaseRefusesAndAppliesAnOlderChangeOfItThatItTakes() {
    List<RowOutcome> outcomes = apply(
        update(1, 6, "ok"), update(1, 7, null), update(2, 6, "ok"), update(3, 6, "ok"),
        update(4, 6, "ok"), upsert(300, 2, null), upsert(301, 2, "ok"));

    assertThat(outcomes.get(0)).isEqualTo(RowOutcome.APPLIED);
    assertThat(outcomes.get(1)).isInstanceOfSatisfying(Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(DeadLetterReason.CONSTRAINT_VIOLATION));
    assertThat(outcomes.get(5)).isInstanceOf(Rejected.class);
    assertThat(outcomes).filteredOn(o -> o == RowOutcome.APPLIED).hasSize(5);
    assertThat(order(1)).containsEntry("status", "ok").containsEntry("version", 6L);
    assertThat(order(300)).isNull();
    assertThat(order(301)).containsEntry("version", 2L);
  }

  /**
   * {@link ExternalVersionConvergenceTest}'s property, held against the real statements: each
   * batch is one call of the applier, and a seed's batches run in one transaction that is rolled
   * back afterwards (a commit per batch would only make it slower).
   */
  @Test
  void anyDeliveryOfRowsEventsEndsInTheirNewestEvent() {
    List<Long> ids = LongStream.rangeClosed(1000, 1011).boxed().toList();
    for (long seed = 0; seed < 60; seed++) {
      ExternalEventStreams.Scenario scenario =
          ExternalEventStreams.scenario(new Random(seed), "orders", ids);
      Map<Long, String> state = new LinkedHashMap<>();
      try {
        dsl.transaction(cfg -> {
          DSLContext tx = DSL.using(cfg);
          scenario.before().forEach((id, version) -> tx.execute(
              "INSERT INTO orders (id, status, version) VALUES (?, 'old', ?)", id, version));
          for (List<UpdateRecord> batch : scenario.batches()) {
            assertThat(applier.apply(tx, changes(batch))).hasSize(batch.size())
                .allMatch(o -> o instanceof RowOutcome.Applied || o instanceof Stale);
          }
          for (long id : ids) {
            Record r = tx.fetchOne("SELECT status, version FROM orders WHERE id = ?", id);
            state.put(id, r == null ? "absent" : r.get(0) + "@" + r.get(1, Long.class));
          }
          throw new RolledBack();
        });
      } catch (RolledBack expected) {
        // the rows are gone for the next seed
      }
      assertThat(state).as("seed %d", seed).isEqualTo(scenario.after());
    }
  }

  /** Ends a transaction on purpose. */
  private static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static UpdateRecord update(long id, long version, String status) {
    return UpdateRecord.update("orders", Map.of("id", id), version).set("status", status);
  }

  private static UpdateRecord upsert(long id, long version, String status) {
    return UpdateRecord.upsert("orders", Map.of("id", id), version).set("status", status);
  }

  private static UpdateRecord delete(long id, long version) {
    return UpdateRecord.delete("orders", Map.of("id", id), version);
  }

  private static UpdateRecord line(long line, long rev, long qty) {
    return UpdateRecord.upsert("order_lines", Map.of("order_id", 7L, "line", line), rev).set("qty", qty);
  }

  private List<RowOutcome> apply(UpdateRecord... records) {
    List<RowChange> changes = changes(Arrays.asList(records));
    return dsl.transactionResult(cfg -> applier.apply(DSL.using(cfg), changes));
  }

  private List<RowChange> changes(List<UpdateRecord> records) {
    return records.stream()
        .map(r -> ((Validation.Accepted) validator.validate(r, r.kafkaKey())).change())
        .toList();
  }

  /** The order's status, note and version by lower-case column name, or null when it is absent. */
  private Map<String, Object> order(long id) {
    Record r = dsl.fetchOne("SELECT status, note, version FROM orders WHERE id = ?", id);
    if (r == null) {
      return null;
    }
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Field<?> f : r.fields()) {
      byName.put(f.getName().toLowerCase(Locale.ROOT), r.get(f));
    }
    return byName;
  }

  /** Every tombstone as "table key version", keys in lower case, by table and key. */
  private List<String> tombstones() {
    List<String> all = new ArrayList<>();
    dsl.select(Tombstones.TABLE, Tombstones.ROW_KEY, Tombstones.VERSION).from(Tombstones.TOMBSTONES)
        .orderBy(Tombstones.TABLE, Tombstones.ROW_KEY)
        .forEach(r -> all.add(
            r.value1() + " " + r.value2().toLowerCase(Locale.ROOT) + " " + r.value3()));
    return all;
  }
}
