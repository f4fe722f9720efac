package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.RowOutcome;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** H2's catalog as kup reads it: names in upper case, column types as H2 2.x reports them. */
@ExtendWith(H2Extension.class)
class H2TableCatalogIT {
  private static DSLContext dsl;
  private static TableSchema kinds;

  @BeforeAll
  static void createTable(H2Database db) {
    dsl = DSL.using(db.dataSource(), SQLDialect.H2);
    dsl.execute("""
        CREATE TABLE kinds (
          id BIGINT PRIMARY KEY, c_int INTEGER, c_small SMALLINT, c_tiny TINYINT,
          c_num NUMERIC(10,2), c_dec DECIMAL(12,3), c_real REAL, c_double DOUBLE PRECISION,
          c_varchar VARCHAR(20), c_char CHAR(3), c_bool BOOLEAN,
          c_tstz TIMESTAMP WITH TIME ZONE, c_ts TIMESTAMP, c_date DATE, c_time TIME,
          c_timetz TIME WITH TIME ZONE, c_uuid UUID, version BIGINT NOT NULL)""");
    dsl.execute("INSERT INTO kinds (id, version) VALUES (1, 1)");
    kinds = JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults("kinds")))
        .table("kinds").orElseThrow();
  }

  @Test
  void findsTheUpperCaseTableItsKeyAndVersionByTheirLowerCaseNames() {
    assertThat(kinds.name()).isEqualTo("kinds");
    assertThat(kinds.table().getName()).isEqualTo("KINDS");
    assertThat(kinds.primaryKey()).extracting(ColumnSchema::name).containsExactly("ID");
    assertThat(kinds.version().name()).isEqualTo("VERSION");
    assertThat(kinds.column("c_varchar")).get().extracting(ColumnSchema::name).isEqualTo("C_VARCHAR");
  }

  @Test
  void mapsEachH2ColumnTypeToTheJavaTypeTheConverterWrites() {
    // jOOQ's meta API reads DATE, TIME and TIMESTAMP as the java.sql types, as on PostgreSQL
    Map<String, Class<?>> expected = Map.ofEntries(
        Map.entry("id", Long.class), Map.entry("c_int", Integer.class),
        Map.entry("c_small", Short.class), Map.entry("c_tiny", Byte.class),
        Map.entry("c_num", BigDecimal.class), Map.entry("c_dec", BigDecimal.class),
        Map.entry("c_real", Float.class), Map.entry("c_double", Double.class),
        Map.entry("c_varchar", String.class), Map.entry("c_char", String.class),
        Map.entry("c_bool", Boolean.class), Map.entry("c_tstz", OffsetDateTime.class),
        Map.entry("c_ts", Timestamp.class), Map.entry("c_date", Date.class),
        Map.entry("c_time", Time.class), Map.entry("c_timetz", OffsetTime.class),
        Map.entry("c_uuid", UUID.class));
    expected.forEach((name, type) ->
        assertThat(kinds.column(name).orElseThrow().javaType()).as(name).isEqualTo(type));
  }

  @Test
  void writesAValueOfEveryTypeFromItsJsonForm() {
    UUID uuid = UUID.fromString("0b5a3c1e-8f1d-4c2e-9a8b-7f6e5d4c3b2a");
    UpdateRecord record = UpdateRecord.update("kinds", Map.of("id", 1L), 1)
        .set("c_int", 7L).set("c_small", 300L).set("c_tiny", 12L)
        .set("c_num", new BigDecimal("12.50")).set("c_dec", new BigDecimal("3.125"))
        .set("c_real", new BigDecimal("1.5")).set("c_double", new BigDecimal("2.25"))
        .set("c_varchar", "gold").set("c_char", "abc").set("c_bool", true)
        .set("c_tstz", "2026-11-26T10:00:00+02:00").set("c_ts", "2026-11-26T10:00:00")
        .set("c_date", "2026-11-26").set("c_time", "10:15:30").set("c_timetz", "10:15:30+01:00")
        .set("c_uuid", uuid.toString());
    RowChange change =
        ((Validation.Accepted) new RecordValidator(name -> java.util.Optional.of(kinds),
            new ColumnValueConverter()).validate(record, record.kafkaKey())).change();

    List<RowOutcome> outcomes =
        dsl.transactionResult(cfg -> new JooqBatchApplier().apply(DSL.using(cfg), List.of(change)));

    assertThat(outcomes).containsExactly(RowOutcome.APPLIED);
    Record row = dsl.fetchOne("SELECT * FROM kinds WHERE id = 1");
    assertThat(row.get("C_SMALL")).isEqualTo((short) 300);
    assertThat(row.get("C_NUM")).isEqualTo(new BigDecimal("12.50"));
    assertThat(row.get("C_BOOL")).isEqualTo(true);
    assertThat(row.get("C_TSTZ", OffsetDateTime.class).toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-11-26T10:00:00+02:00").toInstant());
    assertThat(row.get("C_TIME", Time.class)).isEqualTo(Time.valueOf("10:15:30"));
    assertThat(row.get("C_DATE", Date.class)).isEqualTo(Date.valueOf("2026-11-26"));
    assertThat(row.get("C_TIMETZ", OffsetTime.class)).isEqualTo(OffsetTime.parse("10:15:30+01:00"));
    assertThat(row.get("C_UUID", UUID.class)).isEqualTo(uuid);
    assertThat(row.get("VERSION")).isEqualTo(2L);
  }
}
