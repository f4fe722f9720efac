package dev.kup.pipeline.validate;

import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.dialect.MariaDbFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.SQLDataType;

/**
 * Reads the allow-listed tables from the database catalog through jOOQ's meta API, once, at
 * construction. Table and column names used in SQL come only from here, spelled as the catalog
 * spells them. Configured and recorded names match the catalog's exactly or, when that finds
 * nothing, in case alone: H2 keeps an unquoted {@code accounts} as {@code ACCOUNTS}.
 */
public final class JooqTableCatalog implements TableCatalog {
  private final Map<String, TableSchema> tables;

  private JooqTableCatalog(Map<String, TableSchema> tables) {
    this.tables = Map.copyOf(tables);
  }

  /**
   * Loads every allow-listed table from the connection's current schema.
   *
   * @throws CatalogException when a table is missing, has no primary key or no version column
   */
  public static JooqTableCatalog load(DSLContext dsl, List<TableOptions> allowList) {
    // MariaDB and MySQL call their databases catalogs in JDBC and schemas in jOOQ
    String schema = dsl.connectionResult(c -> c.getSchema() != null ? c.getSchema() : c.getCatalog());
    Meta meta = dsl.meta().filterSchemas(s -> schema == null || s.getName().equals(schema));
    Map<String, TableSchema> tables = new LinkedHashMap<>();
    for (TableOptions options : allowList) {
      Table<?> table = findTable(meta, options.name(), schema);
      tables.put(options.name(), describe(table, options, dsl.dialect()));
    }
    return new JooqTableCatalog(tables);
  }

  @Override
  public Optional<TableSchema> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  private static Table<?> findTable(Meta meta, String name, String schema) {
    List<Table<?>> found = meta.filterTables(t -> t.getName().equals(name)).getTables();
    if (found.isEmpty()) {
      found = meta.filterTables(t -> IdentifierCase.equalIgnoringAsciiCase(t.getName(), name)).getTables();
    }
    if (found.isEmpty()) {
      throw new CatalogException(
          "the allow-list names table '" + name + "', which does not exist in schema '" + schema + "'");
    }
    if (found.size() > 1) {
      throw new CatalogException("the allow-list names table '" + name + "', which matches "
          + found.stream().map(Table::getName).toList() + " in schema '" + schema
          + "' when case is ignored; name it exactly");
    }
    return found.get(0);
  }

  private static TableSchema describe(Table<?> table, TableOptions options, SQLDialect dialect) {
    Map<String, ColumnSchema> columns =
        table.fieldStream()
            .map(f -> column(table, f, dialect))
            .collect(Collectors.toMap(ColumnSchema::name, Function.identity()));
    UniqueKey<?> pk = table.getPrimaryKey();
    if (pk == null) {
      throw new CatalogException("table '" + options.name() + "' has no primary key");
    }
    List<ColumnSchema> key = pk.getFields().stream().map(f -> columns.get(f.getName())).toList();
    ColumnSchema version = TableSchema.named(columns, options.versionColumn()).orElse(null);
    if (version == null || !version.isNumeric()) {
      throw new CatalogException(
          "table '" + options.name() + "' has no numeric version column '"
              + options.versionColumn() + "' (configure the table's version column)");
    }
    return new TableSchema(options.name(), table, columns, key, version,
        options.conflictPolicy(), options.versionMode());
  }

  @SuppressWarnings("unchecked")
  private static ColumnSchema column(Table<?> table, Field<?> field, SQLDialect dialect) {
    DataType<Object> type = (DataType<Object>) singlePrecisionFloat(field.getDataType(), dialect);
    Field<Object> qualified = (Field<Object>) table.field(field);
    return new ColumnSchema(field.getName(), qualified, type);
  }

  /**
   * A MariaDB or MySQL {@code FLOAT} holds 4 bytes, but jOOQ reads it as SQL's {@code FLOAT}, a
   * double: validated as a double, 0.1 would be stored rounded and 1e39 refused only by the
   * database. It is validated as a {@code REAL}. ({@code FLOAT(p)} above 24 digits is a {@code
   * DOUBLE} column there, and reads as one.)
   */
  private static DataType<?> singlePrecisionFloat(DataType<?> type, SQLDialect dialect) {
    return MariaDbFamily.includes(dialect) && type.getTypeName().equalsIgnoreCase("float")
        ? SQLDataType.REAL.nullable(type.nullable()) : type;
  }
}
