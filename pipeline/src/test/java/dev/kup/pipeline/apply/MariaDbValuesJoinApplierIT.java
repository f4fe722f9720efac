package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MariaDB fast path, as the service composes it: one {@code UPDATE … JOIN (VALUES …)} per
 * group, and the JDBC batch for a group in which a change does not apply. MariaDB's own counter of
 * multi-table updates, read in the batch's transaction, shows which way each group went.
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbValuesJoinApplierIT extends ApplierContractIT {
  private final AtomicLong multiTableUpdates = new AtomicLong();
  private final AtomicLong singleUpdates = new AtomicLong();

  MariaDbValuesJoinApplierIT(MariaDbDatabase db) {
    super(DSL.using(db.dataSource(), SQLDialect.MARIADB));
  }

  @Override
  BatchApplier applier() {
    BatchApplier composed =
        new CoalescingApplier(isolating(new JooqBatchApplier(new ValuesJoinUpdateWriter())));
    return (tx, changes) -> counting(tx, () -> composed.apply(tx, changes));
  }

  @Test
  void aGroupThatAppliesWhollyIsOneStatement() {
    List<RowOutcome> outcomes = apply(LongStream.rangeClosed(1, 10)
        .mapToObj(id -> UpdateRecord.update("accounts", Map.of("id", id), 7)
            .set("status", "s" + id).increment("points", id))
        .toArray(UpdateRecord[]::new));

    assertThat(outcomes).hasSize(10).containsOnly(RowOutcome.APPLIED);
    assertThat(multiTableUpdates).hasValue(1);
    assertThat(singleUpdates).hasValue(0);
    assertThat(row(10)).containsEntry("status", "s10").containsEntry("points", 10)
        .containsEntry("version", 8L);
  }

  @Test
  void aGroupWithAConflictIsRolledBackAndWrittenAsABatchWithTheSameOutcomes() {
    List<RowOutcome> outcomes = apply(LongStream.rangeClosed(1, 10)
        .mapToObj(id -> UpdateRecord.update("accounts", Map.of("id", id), id == 4 ? 6 : 7)
            .increment("points", 1L))
        .toArray(UpdateRecord[]::new));

    assertThat(outcomes.get(3)).isEqualTo(new Conflict(6, 7));
    assertThat(outcomes).filteredOn(o -> o == RowOutcome.APPLIED).hasSize(9);
    assertThat(multiTableUpdates).hasValue(1);
    assertThat(singleUpdates).hasValue(10);
    assertThat(row(4)).containsEntry("points", 0).containsEntry("version", 7L);
    assertThat(row(5)).containsEntry("points", 1).containsEntry("version", 8L);
  }

  @Test
  void valuesOfEveryKindArriveExactlyThroughTheDerivedTable(MariaDbDatabase db) {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.MARIADB);
    dsl.execute("""
        CREATE TABLE IF NOT EXISTS exact (id BIGINT PRIMARY KEY, d DOUBLE, f FLOAT,
          n DECIMAL(30,10), t DATETIME(6), s VARCHAR(20), b BIGINT, version BIGINT NOT NULL)""");
    dsl.execute("DELETE FROM exact");
    dsl.execute("INSERT INTO exact (id, version) VALUES (1, 1), (2, 1), (3, 1), (4, 1), (5, 1)");
    RecordValidator validator = new RecordValidator(JooqTableCatalog.load(dsl,
        List.of(TableOptions.withDefaults("exact"))), new ColumnValueConverter());
    Object[][] rows = {
        {new BigDecimal("0.1"), new BigDecimal("0.1"), new BigDecimal("12345678901234567890.0123456789"),
            "2026-11-26T10:00:00.123456", "ünïcødé ✓ 😀", 9007199254740993L},
        {new BigDecimal("1e-300"), new BigDecimal("1.5"), new BigDecimal("-0.0000000001"),
            "1970-01-01T00:00:00", "", Long.MIN_VALUE},
        {new BigDecimal("1.7976931348623157E308"), new BigDecimal("1.0E38"),
            new BigDecimal("1"), "9999-12-31T23:59:59.999999", "'); DROP TABLE exact",
            Long.MAX_VALUE},
        {null, null, null, null, null, null},
        {new BigDecimal("-2.5"), new BigDecimal("-0.25"), new BigDecimal("0.5"),
            "2000-02-29T12:00:00.5", "x", 0L}};
    List<RowChange> changes = new java.util.ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      Object[] r = rows[i];
      UpdateRecord record = UpdateRecord.update("exact", Map.of("id", i + 1L), 1)
          .set("d", r[0]).set("f", r[1]).set("n", r[2]).set("t", r[3]).set("s", r[4]).set("b", r[5]);
      Validation verdict = validator.validate(record, record.kafkaKey());
      assertThat(verdict).as("row %d", i + 1).isInstanceOf(Validation.Accepted.class);
      changes.add(((Validation.Accepted) verdict).change());
    }

    List<RowOutcome> outcomes = dsl.transactionResult(cfg -> counting(DSL.using(cfg),
        () -> new JooqBatchApplier(new ValuesJoinUpdateWriter()).apply(DSL.using(cfg), changes)));

    assertThat(outcomes).containsOnly(RowOutcome.APPLIED);
    assertThat(multiTableUpdates).as("one statement").hasValue(1);
    var stored = dsl.fetch("SELECT d, f, n, t, s, b, version FROM exact ORDER BY id");
    for (int i = 0; i < rows.length; i++) {
      Object[] r = rows[i];
      var row = stored.get(i);
      assertThat(row.get("d", Double.class)).isEqualTo(r[0] == null ? null : ((BigDecimal) r[0]).doubleValue());
      assertThat(row.get("f", Float.class)).isEqualTo(r[1] == null ? null : ((BigDecimal) r[1]).floatValue());
      assertThat(row.get("n", BigDecimal.class)).isEqualTo(
          r[2] == null ? null : ((BigDecimal) r[2]).setScale(10));
      assertThat(row.get("t", java.sql.Timestamp.class)).isEqualTo(
          r[3] == null ? null : java.sql.Timestamp.valueOf(java.time.LocalDateTime.parse((String) r[3])));
      assertThat(row.get("s", String.class)).isEqualTo(r[4]);
      assertThat(row.get("b", Long.class)).isEqualTo(r[5]);
      assertThat(row.get("version", Long.class)).isEqualTo(2L);
    }
  }

  @Test
  void aGroupLargerThanOnePacketGoesAsSeveralStatements(MariaDbDatabase db) {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.MARIADB);
    dsl.execute("CREATE TABLE IF NOT EXISTS wide (id BIGINT PRIMARY KEY, body LONGTEXT,"
        + " version BIGINT NOT NULL)");
    dsl.execute("DELETE FROM wide");
    for (long id = 1; id <= 20; id++) {
      dsl.execute("INSERT INTO wide (id, version) VALUES (?, 1)", id);
    }
    RecordValidator validator = new RecordValidator(JooqTableCatalog.load(dsl,
        List.of(TableOptions.withDefaults("wide"))), new ColumnValueConverter());
    String mebibyte = "ü".repeat(1 << 20); // 2 MiB in UTF-8: 40 MiB in all, over max_allowed_packet
    List<RowChange> changes = LongStream.rangeClosed(1, 20).mapToObj(id -> {
      UpdateRecord record = UpdateRecord.update("wide", Map.of("id", id), 1).set("body", mebibyte + id);
      return ((Validation.Accepted) validator.validate(record, record.kafkaKey())).change();
    }).toList();

    List<RowOutcome> outcomes = dsl.transactionResult(cfg -> counting(DSL.using(cfg),
        () -> new JooqBatchApplier(new ValuesJoinUpdateWriter()).apply(DSL.using(cfg), changes)));

    assertThat(outcomes).hasSize(20).containsOnly(RowOutcome.APPLIED);
    assertThat(multiTableUpdates.get()).isGreaterThan(1);
    assertThat(singleUpdates).hasValue(0);
    assertThat(dsl.fetchValue("SELECT body FROM wide WHERE id = 20")).isEqualTo(mebibyte + 20);
  }

  private List<RowOutcome> counting(DSLContext tx, java.util.function.Supplier<List<RowOutcome>> apply) {
    long multi = status(tx, "COM_UPDATE_MULTI");
    long single = status(tx, "COM_UPDATE");
    List<RowOutcome> outcomes = apply.get();
    multiTableUpdates.set(status(tx, "COM_UPDATE_MULTI") - multi);
    singleUpdates.set(status(tx, "COM_UPDATE") - single);
    return outcomes;
  }

  private static long status(DSLContext tx, String name) {
    return Long.parseLong(tx.fetchValue("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
        + " WHERE VARIABLE_NAME = ?", name).toString());
  }
}
