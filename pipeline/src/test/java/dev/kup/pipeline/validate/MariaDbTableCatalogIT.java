package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.RowOutcome;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MariaDB's catalog as kup reads it: the connection's database only (another database's table of
 * the same name must not match), names that are reserved words, and limits that keep a value from
 * being rounded or clipped where MariaDB would do so silently even in strict mode (the digits
 * after a decimal's point, the fraction of a second) or store it in fewer bytes (FLOAT).
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbTableCatalogIT {
  private static DSLContext dsl;
  private static TableSchema kinds;

  @BeforeAll
  static void createTables(MariaDbDatabase db) {
    dsl = DSL.using(db.dataSource(), SQLDialect.MARIADB);
    dsl.execute("""
        CREATE TABLE kinds (
          id BIGINT PRIMARY KEY, c_int INTEGER, c_num NUMERIC(10,2), c_float FLOAT,
          c_double DOUBLE, c_varchar VARCHAR(20), c_bool BOOLEAN, c_dt DATETIME(3),
          c_dt0 DATETIME, c_ts TIMESTAMP(6) NULL, c_text TEXT, c_enum ENUM('on','off'),
          version BIGINT NOT NULL)""");
    dsl.execute("INSERT INTO kinds (id, version) VALUES (1, 1), (2, 1)");
    dsl.execute("CREATE TABLE `lines` (`order` BIGINT PRIMARY KEY, `key` INT, version BIGINT NOT NULL)");
    dsl.execute("INSERT INTO `lines` VALUES (1, 0, 1)");
    kinds = JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults("kinds")))
        .table("kinds").orElseThrow();
  }

  @Test
  void readsTheTypesAndLimitsThatKeepValuesExact() {
    assertThat(kinds.column("c_num").orElseThrow().limits().scale()).isEqualTo(2);
    assertThat(kinds.column("c_float").orElseThrow().javaType()).isEqualTo(Float.class);
    assertThat(kinds.column("c_double").orElseThrow().javaType()).isEqualTo(Double.class);
    assertThat(kinds.column("c_varchar").orElseThrow().limits().length()).isEqualTo(20);
    assertThat(kinds.column("c_dt").orElseThrow().limits().fractionDigits()).isEqualTo(3);
    assertThat(kinds.column("c_dt0").orElseThrow().limits().fractionDigits()).isZero();
    assertThat(kinds.column("c_ts").orElseThrow().limits().fractionDigits()).isEqualTo(6);
  }

  @Test
  void refusesValuesMariaDbWouldRoundOrClipWithoutAnError() {
    assertThat(refusal(UpdateRecord.update("kinds", Map.of("id", 1L), 1)
        .set("c_num", new BigDecimal("1.005")))).startsWith("TYPE_MISMATCH").contains("c_num");
    assertThat(refusal(UpdateRecord.update("kinds", Map.of("id", 1L), 1)
        .set("c_dt0", "2026-11-26T10:00:00.5"))).startsWith("TYPE_MISMATCH").contains("c_dt0");
    assertThat(refusal(UpdateRecord.update("kinds", Map.of("id", 1L), 1)
        .set("c_float", new BigDecimal("1e39")))).startsWith("TYPE_MISMATCH").contains("c_float");
    assertThat(refusal(UpdateRecord.update("kinds", Map.of("id", 1L), 1)
        .set("c_varchar", "x".repeat(21)))).startsWith("TYPE_MISMATCH").contains("c_varchar");
  }

  @Test
  void writesExactValuesAndFindsATableOnlyInItsOwnDatabase() {
    UpdateRecord record = UpdateRecord.update("kinds", Map.of("id", 1L), 1)
        .set("c_int", 7L).set("c_num", new BigDecimal("12.50")).set("c_float", new BigDecimal("0.1"))
        .set("c_double", new BigDecimal("0.1")).set("c_varchar", "gold").set("c_bool", true)
        .set("c_dt", "2026-11-26T10:00:00.123").set("c_text", "ünïcødé ✓").set("c_enum", "off");

    assertThat(apply(record)).containsExactly(RowOutcome.APPLIED);

    Record row = dsl.fetchOne("SELECT * FROM kinds WHERE id = 1");
    assertThat(row.get("c_num")).isEqualTo(new BigDecimal("12.50"));
    assertThat(row.get("c_float", Float.class)).isEqualTo(0.1f);
    assertThat(row.get("c_double", Double.class)).isEqualTo(0.1d);
    assertThat(row.get("c_dt", Timestamp.class).toLocalDateTime())
        .isEqualTo(java.time.LocalDateTime.parse("2026-11-26T10:00:00.123"));
    assertThat(row.get("c_text")).isEqualTo("ünïcødé ✓");
    assertThat(row.get("version", Long.class)).isEqualTo(2L);
  }

  @Test
  void aValueOutsideAnEnumIsRefusedByMariaDbAsADataException() {
    UpdateRecord record = UpdateRecord.update("kinds", Map.of("id", 2L), 1).set("c_enum", "x");
    List<RowOutcome> outcomes = dsl.transactionResult(cfg -> new dev.kup.pipeline.apply.RowIsolatingApplier(
        new JooqBatchApplier(), new dev.kup.pipeline.failure.PipelineErrorClassifier())
        .apply(DSL.using(cfg), List.of(accepted(record))));

    assertThat(outcomes.get(0)).isInstanceOfSatisfying(RowOutcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(DeadLetterReason.DATA_EXCEPTION));
  }

  @Test
  void tablesAndColumnsNamedByReservedWordsAreQuoted() {
    TableSchema lines = JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults("lines")))
        .table("lines").orElseThrow();
    UpdateRecord record = UpdateRecord.update("lines", Map.of("order", 1L), 1).set("key", 5L);
    RowChange change = ((Validation.Accepted) new RecordValidator(name -> Optional.of(lines),
        new ColumnValueConverter()).validate(record, record.kafkaKey())).change();

    List<RowOutcome> outcomes =
        dsl.transactionResult(cfg -> new JooqBatchApplier().apply(DSL.using(cfg), List.of(change)));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED);
    assertThat(dsl.fetchValue("SELECT `key` FROM `lines` WHERE `order` = 1")).isEqualTo(5);
  }

  private List<RowOutcome> apply(UpdateRecord record) {
    RowChange change = accepted(record);
    return dsl.transactionResult(cfg -> new JooqBatchApplier().apply(DSL.using(cfg), List.of(change)));
  }

  private static RowChange accepted(UpdateRecord record) {
    return ((Validation.Accepted) validator().validate(record, record.kafkaKey())).change();
  }

  /** The refusal's message, or "accepted". */
  private static String refusal(UpdateRecord record) {
    return validator().validate(record, record.kafkaKey()) instanceof Validation.Refused r
        ? r.reason() + ": " + r.message() : "accepted";
  }

  private static RecordValidator validator() {
    return new RecordValidator(name -> Optional.of(kinds), new ColumnValueConverter());
  }
}
