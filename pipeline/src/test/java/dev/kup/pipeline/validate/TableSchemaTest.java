package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

  @Test
  void findsAColumnSpelledExactlyOrDifferingInCaseAlone() {
    TableSchema upper = TestTables.accountsInUpperCase(ConflictPolicy.DLQ);

    assertThat(upper.column("STATUS")).get().extracting(ColumnSchema::name).isEqualTo("STATUS");
    assertThat(upper.column("status")).get().extracting(ColumnSchema::name).isEqualTo("STATUS");
    assertThat(upper.column("Status")).get().extracting(ColumnSchema::name).isEqualTo("STATUS");
    assertThat(upper.column("colour")).isEmpty();
  }

  @Test
  void aNameMatchingTwoColumnsInCaseOnlyMatchesNeither() {
    // PostgreSQL allows "status" and "Status" side by side (one of them quoted)
    Map<String, ColumnSchema> columns = new LinkedHashMap<>();
    TestTables.add(columns, "id", SQLDataType.BIGINT);
    TestTables.add(columns, "status", SQLDataType.VARCHAR);
    TestTables.add(columns, "Status", SQLDataType.VARCHAR);
    TestTables.add(columns, "version", SQLDataType.BIGINT);
    TableSchema t = new TableSchema("accounts", DSL.table(DSL.name("accounts")), columns,
        List.of(columns.get("id")), columns.get("version"), ConflictPolicy.DLQ,
        dev.kup.pipeline.config.VersionMode.EXPECTED);

    assertThat(t.column("status")).get().extracting(ColumnSchema::name).isEqualTo("status");
    assertThat(t.column("Status")).get().extracting(ColumnSchema::name).isEqualTo("Status");
    assertThat(t.column("STATUS")).isEmpty();
  }

  @Test
  void aUnicodeLookAlikeOfAColumnNameNamesNoColumn() {
    TableSchema upper = TestTables.accountsInUpperCase(ConflictPolicy.DLQ);

    assertThat(upper.column("\u017Ftatus")).as("long s, U+017F").isEmpty();
    assertThat(upper.column("st\u0251tus")).as("Latin alpha").isEmpty();
    assertThat(upper.column("\u0131d")).as("dotless i").isEmpty();
  }
}
