package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.pipeline.apply.RowOutcome.NotFound;
import dev.kup.pipeline.apply.RowOutcome.Rejected;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.dialect.MariaDbFamily;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.validate.CatalogException;
import dev.kup.pipeline.validate.ColumnLimits;
import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.TableSchema;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * What every apply strategy must do, against a real database: each subclass names one strategy
 * and one database (its extension gives the class a schema or database of its own), and passes
 * the connection to the constructor. One instance serves the whole class.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class ApplierContractIT {
  private final DSLContext dsl;
  private final BatchApplier applier = applier();
  private RecordValidator validator;
  /** Validates against the catalog without its declared limits, for the database to refuse. */
  private RecordValidator uncheckedValidator;

  ApplierContractIT(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The strategy under test, with row isolation as the service composes it. */
  abstract BatchApplier applier();

  static BatchApplier isolating(BatchApplier strategy) {
    return new RowIsolatingApplier(strategy, new PipelineErrorClassifier());
  }

  @BeforeAll
  void createTables() {
    dsl.execute("""
        CREATE TABLE accounts (
          id BIGINT PRIMARY KEY,
          balance NUMERIC(12,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
          status VARCHAR(10) NOT NULL DEFAULT 'new',
          points INTEGER NOT NULL DEFAULT 0,
          handle VARCHAR(20) UNIQUE,
          version BIGINT NOT NULL)""");
    dsl.execute("""
        CREATE TABLE order_lines (
          order_id BIGINT, line INT, qty INT NOT NULL DEFAULT 0, rev BIGINT NOT NULL,
          PRIMARY KEY (order_id, line))""");
    var catalog = JooqTableCatalog.load(dsl, List.of(
        TableOptions.withDefaults("accounts"),
        new TableOptions("order_lines", "rev", dev.kup.pipeline.config.ConflictPolicy.DLQ,
            dev.kup.pipeline.config.VersionMode.EXPECTED)));
    validator = new RecordValidator(catalog, new ColumnValueConverter());
    uncheckedValidator = new RecordValidator(
        name -> catalog.table(name).map(ApplierContractIT::withoutLimits), new ColumnValueConverter());
  }

  /**
   * The table as if the catalog declared no lengths or digits: kup's validation refuses a value
   * too long for its column before the database sees it, and these tests are about what the
   * applier does when the database refuses a row all the same (a limit kup cannot know, such as a
   * CHECK or a trigger, behaves alike).
   */
  private static TableSchema withoutLimits(TableSchema t) {
    Map<String, ColumnSchema> open = new LinkedHashMap<>();
    t.columns().forEach((name, c) -> open.put(name, new ColumnSchema(c.name(), c.field(), c.type(),
        new ColumnLimits(Long.MAX_VALUE, Integer.MAX_VALUE, ColumnLimits.UNBOUNDED, 9))));
    return new TableSchema(t.name(), t.table(), open,
        t.primaryKey().stream().map(c -> open.get(c.name())).toList(), open.get(t.version().name()),
        t.conflictPolicy(), t.versionMode());
  }

  @BeforeEach
  void resetRows() {
    dsl.truncate("accounts").execute();
    dsl.truncate("order_lines").execute();
    insertAccounts(1, 10, 100, 7);
  }

  @Test
  void appliesSameRowUpdatesInOrderWithinOneBatch() {
    List<RowOutcome> outcomes = apply(
        UpdateRecord.update("accounts", Map.of("id", 1L), 7).set("status", "a").increment("points", 1L),
        UpdateRecord.update("accounts", Map.of("id", 2L), 7).set("status", "x"),
        UpdateRecord.update("accounts", Map.of("id", 1L), 8).increment("points", 10L),
        UpdateRecord.update("accounts", Map.of("id", 1L), 9).set("status", "c"));

    assertThat(outcomes).containsOnly(RowOutcome.APPLIED);
    assertThat(row(1)).containsEntry("status", "c").containsEntry("points", 11).containsEntry("version", 10L);
    assertThat(row(2)).containsEntry("status", "x").containsEntry("version", 8L);
  }

  @Test
  void aChainStartingBehindTheRowConflictsOnlyWhereSequentialApplicationWould() {
    List<RowOutcome> outcomes = apply(
        UpdateRecord.update("accounts", Map.of("id", 9L), 6).set("status", "a").increment("points", 1L),
        UpdateRecord.update("accounts", Map.of("id", 9L), 7).set("status", "b").increment("points", 2L),
        UpdateRecord.update("accounts", Map.of("id", 9L), 8).set("status", "c").increment("points", 4L));

    assertThat(outcomes).containsExactly(new Conflict(6, 7), RowOutcome.APPLIED, RowOutcome.APPLIED);
    assertThat(row(9)).containsEntry("status", "c").containsEntry("points", 6).containsEntry("version", 9L);
  }

  @Test
  void tellsAVersionConflictFromAMissingRow() {
    List<RowOutcome> outcomes = apply(
        UpdateRecord.update("accounts", Map.of("id", 3L), 5).set("status", "stale"),
        UpdateRecord.update("accounts", Map.of("id", 99L), 1).set("status", "ghost"),
        UpdateRecord.update("accounts", Map.of("id", 4L), 7).set("status", "ok"));

    assertThat(outcomes).containsExactly(new Conflict(5, 7), new NotFound(1), RowOutcome.APPLIED);
    assertThat(row(3)).containsEntry("status", "new").containsEntry("version", 7L);
  }

  @Test
  void upsertInsertsAnAbsentRowAtVersionOneAndLaterChangesChainOnIt() {
    List<RowOutcome> outcomes = apply(
        UpdateRecord.upsert("accounts", Map.of("id", 50L)).set("status", "born").increment("points", 5L),
        UpdateRecord.update("accounts", Map.of("id", 50L), 1).increment("points", 2L),
        UpdateRecord.upsert("accounts", Map.of("id", 5L), 7).set("status", "up"),
        UpdateRecord.upsert("accounts", Map.of("id", 6L)).set("status", "dup"));

    assertThat(outcomes).containsExactly(
        RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED, new Conflict(0, 7));
    assertThat(row(50)).containsEntry("status", "born").containsEntry("points", 7).containsEntry("version", 2L);
    assertThat(row(5)).containsEntry("status", "up").containsEntry("version", 8L);
  }

  @Test
  void aMixedGroupOfUpsertsInsertsUpdatesOrFindsNothingAsTheVersionRulesSay() {
    List<RowOutcome> outcomes = apply(
        upsert(201, null).set("status", "n201").increment("points", 3L),
        upsert(1, 7L).set("status", "u1").increment("points", 1L),
        upsert(202, 0L).set("status", "n202").increment("points", 1L),
        upsert(300, 4L).set("status", "ghost").increment("points", 1L),
        upsert(2, 7L).set("status", "u2").increment("points", 1L),
        upsert(3, 6L).set("status", "stale").increment("points", 1L),
        upsert(203, null).set("status", "n203").increment("points", 1L),
        UpdateRecord.update("accounts", Map.of("id", 400L), 2).set("status", "ghost"),
        upsert(4, null).set("status", "dup").increment("points", 1L),
        upsert(204, null).set("status", "n204").increment("points", 1L),
        upsert(205, null).set("status", "n205").increment("points", 1L),
        upsert(5, 7L).set("status", "u5").increment("points", 1L));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, RowOutcome.APPLIED,
        RowOutcome.APPLIED, new NotFound(4), RowOutcome.APPLIED, new Conflict(6, 7),
        RowOutcome.APPLIED, new NotFound(2), new Conflict(0, 7), RowOutcome.APPLIED,
        RowOutcome.APPLIED, RowOutcome.APPLIED);
    assertThat(row(201)).containsEntry("status", "n201").containsEntry("points", 3).containsEntry("version", 1L);
    assertThat(row(202)).containsEntry("status", "n202").containsEntry("version", 1L);
    assertThat(row(1)).containsEntry("status", "u1").containsEntry("points", 1).containsEntry("version", 8L);
    assertThat(row(3)).containsEntry("status", "new").containsEntry("version", 7L);
    assertThat(row(4)).containsEntry("status", "new").containsEntry("version", 7L);
    assertThat(dsl.fetchCount(DSL.table("accounts"), DSL.field("id").in(300, 400))).isZero();
    assertThat(dsl.fetchCount(DSL.table("accounts"))).isEqualTo(15);
  }

  @Test
  void anUpsertExpectingNoRowUpdatesARowThatIsAtVersionZeroAndInsertsTheAbsentOnes() {
    dsl.execute("INSERT INTO accounts (id, status, points, version) VALUES (600, 'zero', 4, 0)");

    List<RowOutcome> outcomes = apply(
        upsert(601, null).set("status", "n601").increment("points", 1L),
        upsert(600, null).set("status", "was-zero").increment("points", 2L),
        upsert(602, 0L).set("status", "n602").increment("points", 1L),
        upsert(4, 0L).set("status", "taken").increment("points", 1L),
        upsert(603, null).set("status", "n603").increment("points", 1L));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, RowOutcome.APPLIED,
        RowOutcome.APPLIED, new Conflict(0, 7), RowOutcome.APPLIED);
    assertThat(row(600)).containsEntry("status", "was-zero").containsEntry("points", 6)
        .containsEntry("version", 1L);
    assertThat(row(601)).containsEntry("status", "n601").containsEntry("points", 1).containsEntry("version", 1L);
    assertThat(row(4)).containsEntry("status", "new").containsEntry("version", 7L);
  }

  @Test
  void insertsManyAbsentRowsInOneBatchAndChainsLaterChangesOnThem() {
    List<Long> ids = new java.util.ArrayList<>(LongStream.range(3000, 3500).boxed().toList());
    java.util.Collections.shuffle(ids, new java.util.Random(19));
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long id : ids) {
      records.add(upsert(id, null).set("status", "i" + id).increment("points", id % 9 + 1));
    }
    for (long id = 3000; id < 3500; id += 10) {
      records.add(UpdateRecord.update("accounts", Map.of("id", id), 1).increment("points", 100L));
    }

    List<RowOutcome> outcomes = apply(records.toArray(UpdateRecord[]::new));

    assertThat(outcomes).hasSize(550).containsOnly(RowOutcome.APPLIED);
    assertThat(dsl.fetchCount(DSL.table("accounts"), DSL.field("id").between(3000, 3499)))
        .isEqualTo(500);
    assertThat(row(3123)).containsEntry("status", "i3123").containsEntry("points", 3123 % 9 + 1)
        .containsEntry("version", 1L);
    assertThat(row(3120)).containsEntry("status", "i3120").containsEntry("points", 3120 % 9 + 101)
        .containsEntry("version", 2L);
    assertThat(dsl.fetchCount(DSL.table("accounts"),
        DSL.field("id").ge(3000).and(DSL.field("version").eq(2)))).isEqualTo(50);
  }

  @Test
  void isolatesAnInsertThatBreaksAnotherUniqueConstraintAndInsertsTheRest() {
    dsl.execute("UPDATE accounts SET handle = 'taken' WHERE id = 1");
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long id = 600; id < 610; id++) {
      String handle = id == 604 ? "taken" : id == 607 ? "h601" : "h" + id;
      records.add(upsert(id, null).set("handle", handle).increment("points", 1L));
    }
    records.add(upsert(2, 7L).set("handle", "h2").increment("points", 1L));
    records.add(UpdateRecord.update("accounts", Map.of("id", 604L), 1).set("status", "after"));

    List<RowOutcome> outcomes = apply(records.toArray(UpdateRecord[]::new));

    for (int i = 0; i < 10; i++) {
      if (i == 4 || i == 7) {
        assertRejected(outcomes.get(i), DeadLetterReason.CONSTRAINT_VIOLATION, uniqueViolationState());
      } else {
        assertThat(outcomes.get(i)).as("row %d", 600 + i).isEqualTo(RowOutcome.APPLIED);
      }
    }
    assertThat(outcomes.get(10)).isEqualTo(RowOutcome.APPLIED);
    assertThat(outcomes.get(11)).as("the refused insert never happened").isEqualTo(new NotFound(1));
    assertThat(dsl.fetchCount(DSL.table("accounts"), DSL.field("id").in(604, 607))).isZero();
    assertThat(row(601)).containsEntry("points", 1).containsEntry("version", 1L);
    assertThat(row(2)).containsEntry("version", 8L);
  }

  @Test
  void deletesOnlyAtTheExpectedVersion() {
    List<RowOutcome> outcomes = apply(
        UpdateRecord.delete("accounts", Map.of("id", 7L), 6),
        UpdateRecord.delete("accounts", Map.of("id", 8L), 7),
        UpdateRecord.update("accounts", Map.of("id", 8L), 8).set("status", "after"));

    assertThat(outcomes).containsExactly(new Conflict(6, 7), RowOutcome.APPLIED, new NotFound(8));
    assertThat(dsl.fetchCount(DSL.table("accounts"), DSL.field("id").eq(8))).isZero();
    assertThat(dsl.fetchCount(DSL.table("accounts"), DSL.field("id").eq(7))).isOne();
  }

  @Test
  void appliesCompositeKeysAndAConfiguredVersionColumn() {
    dsl.execute("INSERT INTO order_lines VALUES (7, 1, 1, 3), (7, 2, 1, 3)");

    List<RowOutcome> outcomes = apply(
        UpdateRecord.update("order_lines", Map.of("order_id", 7L, "line", 2L), 3).increment("qty", 4L),
        UpdateRecord.update("order_lines", Map.of("line", 1L, "order_id", 7L), 2).set("qty", 9L));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, new Conflict(2, 3));
    assertThat(dsl.fetchValue("SELECT qty FROM order_lines WHERE order_id = 7 AND line = 2")).isEqualTo(5);
    assertThat(dsl.fetchValue("SELECT rev FROM order_lines WHERE order_id = 7 AND line = 2")).isEqualTo(4L);
  }

  @Test
  void upsertsInsertAbsentRowsOfACompositeKeyAndConflictOnATakenOne() {
    dsl.execute("INSERT INTO order_lines VALUES (8, 2, 1, 3)");

    List<RowOutcome> outcomes = apply(LongStream.rangeClosed(1, 5)
        .mapToObj(line -> UpdateRecord.upsert("order_lines", Map.of("order_id", 8L, "line", line))
            .increment("qty", line * 10))
        .toArray(UpdateRecord[]::new));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED, new Conflict(0, 3),
        RowOutcome.APPLIED, RowOutcome.APPLIED, RowOutcome.APPLIED);
    assertThat(dsl.fetch("SELECT line, qty, rev FROM order_lines WHERE order_id = 8 ORDER BY line")
        .map(r -> r.get(0) + ":" + r.get(1) + "@" + r.get(2)))
        .containsExactly("1:10@1", "2:1@3", "3:30@1", "4:40@1", "5:50@1");
  }

  @Test
  void isolatesRowsTheDatabaseRefusesAndAppliesTheRest() {
    List<RowOutcome> outcomes = applyUnchecked(
        UpdateRecord.update("accounts", Map.of("id", 1L), 7).set("status", "ok1"),
        UpdateRecord.update("accounts", Map.of("id", 2L), 7).set("status", null),
        UpdateRecord.update("accounts", Map.of("id", 3L), 7).set("status", "ok3"),
        UpdateRecord.update("accounts", Map.of("id", 4L), 7).increment("balance", -500L),
        UpdateRecord.update("accounts", Map.of("id", 5L), 7).set("status", "far-too-long-for-ten"),
        UpdateRecord.update("accounts", Map.of("id", 2L), 8).set("status", "next"),
        UpdateRecord.update("accounts", Map.of("id", 6L), 7).set("status", "ok6"));

    assertThat(outcomes.get(0)).isEqualTo(RowOutcome.APPLIED);
    assertRejected(outcomes.get(1), DeadLetterReason.CONSTRAINT_VIOLATION, notNullViolationState());
    assertThat(outcomes.get(2)).isEqualTo(RowOutcome.APPLIED);
    assertRejected(outcomes.get(3), DeadLetterReason.CONSTRAINT_VIOLATION, checkViolationState());
    assertRejected(outcomes.get(4), DeadLetterReason.DATA_EXCEPTION, "22001");
    assertThat(outcomes.get(5)).as("the refused v7→v8 never happened").isEqualTo(new Conflict(8, 7));
    assertThat(outcomes.get(6)).isEqualTo(RowOutcome.APPLIED);
    assertThat(row(1)).containsEntry("status", "ok1");
    assertThat(row(6)).containsEntry("status", "ok6").containsEntry("version", 8L);
    assertThat(row(2)).containsEntry("status", "new").containsEntry("version", 7L);
  }

  @Test
  void appliesALargeGroupInOneGoAndTellsEveryConflictAndMissingRowApart() {
    insertAccounts(100, 1099, 0, 3);
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long id = 100; id < 1100; id++) {
      long version = id % 10 == 0 ? 2 : 3; // every tenth is stale
      records.add(UpdateRecord.update("accounts", Map.of("id", id), version)
          .set("status", "s" + id).increment("points", id));
    }
    records.add(UpdateRecord.update("accounts", Map.of("id", 5_000L), 3).set("status", "x").increment("points", 1L));

    List<RowOutcome> outcomes = apply(records.toArray(UpdateRecord[]::new));

    for (int i = 0; i < 1000; i++) {
      long id = 100 + i;
      assertThat(outcomes.get(i)).as("row %d", id)
          .isEqualTo(id % 10 == 0 ? new Conflict(2, 3) : RowOutcome.APPLIED);
    }
    assertThat(outcomes.get(1000)).isEqualTo(new NotFound(3));
    assertThat(row(101)).containsEntry("status", "s101").containsEntry("points", 101).containsEntry("version", 4L);
    assertThat(row(110)).containsEntry("status", "new").containsEntry("version", 3L);
  }

  @Test
  void matchesEveryOutcomeToItsRecordWhateverOrderTheKeysArriveIn() {
    insertAccounts(1001, 1300, 0, 3);
    List<Long> ids = new java.util.ArrayList<>(LongStream.rangeClosed(1001, 1300).boxed().toList());
    ids.add(150, 9_000L); // missing, in the middle
    java.util.Collections.shuffle(ids, new java.util.Random(7));
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long id : ids) {
      long version = id % 7 == 0 ? 2 : 3; // every seventh is stale
      records.add(UpdateRecord.update("accounts", Map.of("id", id), version)
          .set("status", "s" + id).increment("points", id));
    }

    List<RowOutcome> outcomes = apply(records.toArray(UpdateRecord[]::new));

    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      RowOutcome expected = id == 9_000L ? new NotFound(id % 7 == 0 ? 2 : 3)
          : id % 7 == 0 ? new Conflict(2, 3) : RowOutcome.APPLIED;
      assertThat(outcomes.get(i)).as("record %d (row %d)", i, id).isEqualTo(expected);
    }
    assertThat(row(1299)).containsEntry("status", "s1299").containsEntry("points", 1299).containsEntry("version", 4L);
    assertThat(row(1295)).containsEntry("version", 3L);
  }

  @Test
  void appliesAGroupOfCompositeKeys() {
    InsertValuesStep4<Record, Object, Object, Object, Object> lines = dsl.insertInto(
        DSL.table("order_lines"), col("order_id"), col("line"), col("qty"), col("rev"));
    LongStream.rangeClosed(1, 20).forEach(line -> lines.values(9L, line, 0, 1L));
    lines.execute();
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long line = 1; line <= 20; line++) {
      records.add(UpdateRecord.update("order_lines", Map.of("order_id", 9L, "line", line), line == 7 ? 0 : 1)
          .increment("qty", line));
    }

    List<RowOutcome> outcomes = apply(records.toArray(UpdateRecord[]::new));

    assertThat(outcomes.get(6)).isEqualTo(new Conflict(0, 1));
    assertThat(outcomes).filteredOn(o -> o == RowOutcome.APPLIED).hasSize(19);
    assertThat(((Number) dsl.fetchValue("SELECT sum(qty) FROM order_lines WHERE order_id = 9"))
        .longValue()).isEqualTo(210L - 7L);
  }

  @Test
  void appliesALargeGroupOfDecimalIncrementsExactly() {
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long id = 1; id <= 8; id++) {
      records.add(UpdateRecord.update("accounts", Map.of("id", id), 7)
          .increment("balance", new java.math.BigDecimal(id + ".25")));
    }

    List<RowOutcome> outcomes = apply(records.toArray(UpdateRecord[]::new));

    assertThat(outcomes).containsOnly(RowOutcome.APPLIED);
    assertThat(dsl.fetchOne("SELECT balance FROM accounts WHERE id = 6").get(0, java.math.BigDecimal.class))
        .isEqualByComparingTo("106.25");
    assertThat(dsl.fetchOne("SELECT sum(balance) FROM accounts WHERE id <= 8").get(0, java.math.BigDecimal.class))
        .isEqualByComparingTo("838.00"); // 8 x 100 + (1 + ... + 8) + 8 x 0.25
  }

  @Test
  void refusesATooLongValueInALargeGroupInsteadOfTruncatingIt() {
    List<UpdateRecord> records = new java.util.ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      records.add(UpdateRecord.update("accounts", Map.of("id", id), 7)
          .set("status", id == 4 ? "x".repeat(40) : "ok" + id));
    }

    List<RowOutcome> outcomes = applyUnchecked(records.toArray(UpdateRecord[]::new));

    assertRejected(outcomes.get(3), DeadLetterReason.DATA_EXCEPTION, "22001");
    assertThat(outcomes).filteredOn(o -> o == RowOutcome.APPLIED).hasSize(9);
    assertThat(row(4)).containsEntry("status", "new").containsEntry("version", 7L);
    assertThat(row(5)).containsEntry("status", "ok5");
  }

  @Test
  void refusesToStartWhenAnAllowListedTableDoesNotExist() {
    assertThatThrownBy(() -> JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults("nope"))))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("'nope'");
  }

  /** An upsert of row {@code id} of accounts, expecting {@code version} (null: none given). */
  private static UpdateRecord upsert(long id, Long version) {
    return version == null ? UpdateRecord.upsert("accounts", Map.of("id", id))
        : UpdateRecord.upsert("accounts", Map.of("id", id), version);
  }

  List<RowOutcome> apply(UpdateRecord... records) {
    return apply(validator, records);
  }

  /** Applies the records as changes that only the database checks against column limits. */
  private List<RowOutcome> applyUnchecked(UpdateRecord... records) {
    return apply(uncheckedValidator, records);
  }

  private List<RowOutcome> apply(RecordValidator validator, UpdateRecord... records) {
    List<RowChange> changes = Arrays.stream(records)
        .map(r -> ((Validation.Accepted) validator.validate(r, r.kafkaKey())).change())
        .toList();
    return dsl.transactionResult(cfg -> applier.apply(DSL.using(cfg), changes));
  }

  /** The row's status, points and version, by lower-case column name whatever the database. */
  Map<String, Object> row(long id) {
    Record r = dsl.fetchOne("SELECT status, points, version FROM accounts WHERE id = ?", id);
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Field<?> f : r.fields()) {
      byName.put(f.getName().toLowerCase(Locale.ROOT), r.get(f));
    }
    return byName;
  }

  /** Accounts {@code from..to} (inclusive) with status 'new' and no points. */
  private void insertAccounts(long from, long to, long balance, long version) {
    InsertValuesStep5<Record, Object, Object, Object, Object, Object> rows = dsl.insertInto(
        DSL.table("accounts"), col("id"), col("balance"), col("status"), col("points"), col("version"));
    LongStream.rangeClosed(from, to).forEach(id -> rows.values(id, balance, "new", 0, version));
    rows.execute();
  }

  private static Field<Object> col(String name) {
    return DSL.field(DSL.unquotedName(name));
  }

  /**
   * PostgreSQL reports a violated CHECK constraint as 23514; H2 as 23513 (23514 is its
   * CHECK_CONSTRAINT_INVALID); MariaDB every integrity violation as 23000.
   */
  private String checkViolationState() {
    return switch (dsl.family()) {
      case H2 -> "23513";
      case MARIADB, MYSQL -> "23000";
      default -> "23514";
    };
  }

  private String uniqueViolationState() {
    return isMariaDb() ? "23000" : "23505";
  }

  private String notNullViolationState() {
    return isMariaDb() ? "23000" : "23502";
  }

  private boolean isMariaDb() {
    return MariaDbFamily.includes(dsl.dialect());
  }

  private static void assertRejected(RowOutcome outcome, DeadLetterReason reason, String sqlState) {
    assertThat(outcome).isInstanceOf(Rejected.class);
    assertThat(((Rejected) outcome).reason()).isEqualTo(reason);
    assertThat(((Rejected) outcome).sqlState()).isEqualTo(sqlState);
  }
}
