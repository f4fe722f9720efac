package dev.kup.pipeline.validate;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kup.pipeline.config.ConflictPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Table schemas built in memory, as the catalog would describe them, for tests without I/O. */
public final class TestTables {
  private TestTables() {}

  /** accounts(id bigint pk, balance numeric, status varchar, points int, updated_at timestamptz, version bigint). */
  public static TableSchema accounts(ConflictPolicy policy) {
    Table<?> t = table(name("accounts"));
    Map<String, ColumnSchema> columns = new LinkedHashMap<>();
    add(columns, "id", SQLDataType.BIGINT);
    add(columns, "balance", SQLDataType.NUMERIC(12, 2));
    add(columns, "status", SQLDataType.VARCHAR(20));
    add(columns, "points", SQLDataType.INTEGER);
    add(columns, "updated_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    add(columns, "version", SQLDataType.BIGINT);
    return new TableSchema("accounts", t, columns, List.of(columns.get("id")),
        columns.get("version"), policy);
  }

  public static TableCatalog catalogOf(TableSchema... tables) {
    Map<String, TableSchema> byName = new LinkedHashMap<>();
    for (TableSchema t : tables) {
      byName.put(t.name(), t);
    }
    return name -> Optional.ofNullable(byName.get(name));
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, ColumnSchema> columns, String column, DataType<?> type) {
    Field<Object> f = (Field<Object>) field(name("accounts", column), type);
    columns.put(column, new ColumnSchema(column, f, (DataType<Object>) type));
  }
}
