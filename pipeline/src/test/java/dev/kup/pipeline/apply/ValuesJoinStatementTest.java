package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.apply.ValuesJoinUpdateWriter.ValuesJoinStatement;
import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import dev.kup.pipeline.validate.TestTables;
import dev.kup.schemas.Op;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class ValuesJoinStatementTest {
  private static final TableSchema ACCOUNTS = TestTables.accounts(ConflictPolicy.DLQ);

  @Test
  void joinsTheRowsAsADerivedTableOfNumberedColumnsWithNamesQuotedFromTheCatalog() {
    RowChange shape = new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", 1L)),
        List.of(value("status", "a")), List.of(value("points", 2)), 7);

    ValuesJoinStatement statement =
        ValuesJoinStatement.of(DSL.using(SQLDialect.MARIADB), shape);

    assertThat(statement.withRows(5, 2)).isEqualTo("UPDATE `accounts` JOIN (WITH v(c0, c1, c2, c3, c4)"
        + " AS (VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)) SELECT * FROM v) kup_v"
        + " ON `accounts`.`id` = kup_v.c0"
        + " SET `accounts`.`status` = kup_v.c1, `accounts`.`points` = `accounts`.`points` + kup_v.c2,"
        + " `accounts`.`version` = `accounts`.`version` + kup_v.c3"
        + " WHERE `accounts`.`version` = kup_v.c4");
  }

  @Test
  void bindsKeySetIncrementsTheAdvanceAndTheExpectedVersionInTheColumnsOrder() {
    RowChange coalesced = new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", 9L)),
        List.of(value("status", null)), List.of(value("points", 5)), 7, 3);

    assertThat(ValuesJoinStatement.width(coalesced)).isEqualTo(5);
    assertThat(ValuesJoinStatement.binds(coalesced)).containsExactly(9L, null, 5, 3, 7L);
  }

  private static List<List<Object>> binds(List<RowChange> changes) {
    return changes.stream().map(ValuesJoinStatement::binds).toList();
  }

  private static ColumnValue value(String column, Object v) {
    return new ColumnValue(ACCOUNTS.column(column).orElseThrow(), v);
  }

  @Test
  void cutsAGroupIntoStatementsByRowsAndByTheBytesOfItsValues() {
    List<RowChange> small = java.util.stream.LongStream.range(0, 10)
        .mapToObj(id -> new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", id)),
            List.of(value("status", "s")), List.of(), 1)).toList();
    int[] order = java.util.stream.IntStream.range(0, 10).toArray();

    assertThat(ValuesJoinUpdateWriter.chunks(binds(small), order, 4))
        .extracting(rows -> rows.length).containsExactly(4, 4, 2);

    String mebibyte = "x".repeat(1 << 20);
    List<RowChange> large = java.util.stream.LongStream.range(0, 5)
        .mapToObj(id -> new RowChange(ACCOUNTS, Op.UPDATE, List.of(value("id", id)),
            List.of(value("status", mebibyte)), List.of(), 1)).toList();
    List<int[]> chunks = ValuesJoinUpdateWriter.chunks(binds(large), new int[] {4, 3, 2, 1, 0}, 1000);

    assertThat(chunks).allSatisfy(rows -> assertThat(rows.length * 6L * (1 << 20))
        .isLessThanOrEqualTo(ValuesJoinUpdateWriter.MAX_STATEMENT_BYTES + 6L * (1 << 20)));
    assertThat(chunks.stream().flatMapToInt(java.util.Arrays::stream).toArray())
        .containsExactly(4, 3, 2, 1, 0);
    assertThat(chunks).hasSizeGreaterThan(1);
  }
}
