package dev.kup.pipeline.validate;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.VersionMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Table schemas built in memory, as the catalog would describe them, for tests without I/O. */
public final class TestTables {
  private TestTables() {}

  /** accounts(id bigint pk, balance numeric, status varchar, points int, updated_at timestamptz, version bigint). */
  public static TableSchema accounts(ConflictPolicy policy) {
    return accounts(policy, UnaryOperator.identity());
  }

  /** The same table in another version mode. */
  public static TableSchema inMode(TableSchema t, VersionMode mode) {
    return new TableSchema(t.name(), t.table(), t.columns(), t.primaryKey(), t.version(),
        t.conflictPolicy(), mode);
  }

  /** accounts as H2's catalog spells an unquoted {@code CREATE TABLE}: every name upper case. */
  public static TableSchema accountsInUpperCase(ConflictPolicy policy) {
    return accounts(policy, n -> n.toUpperCase(Locale.ROOT));
  }

  private static TableSchema accounts(ConflictPolicy policy, UnaryOperator<String> spelling) {
    Table<?> t = table(name(spelling.apply("accounts")));
    Map<String, ColumnSchema> columns = new LinkedHashMap<>();
    add(columns, spelling.apply("id"), SQLDataType.BIGINT);
    add(columns, spelling.apply("balance"), SQLDataType.NUMERIC(12, 2));
    add(columns, spelling.apply("status"), SQLDataType.VARCHAR(20));
    add(columns, spelling.apply("points"), SQLDataType.INTEGER);
    add(columns, spelling.apply("updated_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    add(columns, spelling.apply("version"), SQLDataType.BIGINT);
    return new TableSchema("accounts", t, columns, List.of(columns.get(spelling.apply("id"))),
        columns.get(spelling.apply("version")), policy, VersionMode.EXPECTED);
  }

  /** narrow(id int pk, note varchar, version int): a key and a version narrower than a long. */
  public static TableSchema narrow(ConflictPolicy policy) {
    Map<String, ColumnSchema> columns = new LinkedHashMap<>();
    add(columns, "id", SQLDataType.INTEGER);
    add(columns, "note", SQLDataType.VARCHAR);
    add(columns, "version", SQLDataType.INTEGER);
    return new TableSchema("narrow", table(name("narrow")), columns, List.of(columns.get("id")),
        columns.get("version"), policy, VersionMode.EXPECTED);
  }

  public static TableCatalog catalogOf(TableSchema... tables) {
    Map<String, TableSchema> byName = new LinkedHashMap<>();
    for (TableSchema t : tables) {
      byName.put(t.name(), t);
    }
    return name -> Optional.ofNullable(byName.get(name));
  }

  @SuppressWarnings("unchecked")
  static void add(Map<String, ColumnSchema> columns, String column, DataType<?> type) {
    Field<Object> f = (Field<Object>) field(name("accounts", column), type);
    columns.put(column, new ColumnSchema(column, f, (DataType<Object>) type));
  }
}
