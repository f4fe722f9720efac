package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.RowChange.Shape;
import dev.kup.pipeline.validate.TableSchema;
import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;
import org.jooq.util.postgres.PostgresUtils;

/**
 * The PostgreSQL fast path: a whole group of version-checked updates in ONE statement,
 *
 * <pre>
 * UPDATE t AS kup_t SET a = kup_v.a, b = kup_t.b + kup_v.b, version = kup_t.version + kup_v.kup_advance
 * FROM unnest(?::type[], ...) WITH ORDINALITY AS kup_v(pk, a, b, kup_expected, kup_advance, kup_position)
 * WHERE kup_t.pk = kup_v.pk AND kup_t.version = kup_v.kup_expected
 * RETURNING kup_v.kup_position
 * </pre>
 *
 * with one bound array per column; the returned positions say which changes applied (the others
 * matched nothing and are classified by the caller, exactly as with update counts). In an
 * external-version table the version is the change's own: {@code version = kup_v.kup_version}
 * where {@code kup_t.version < kup_v.kup_version}, and the absent rows are inserted in one more
 * statement ({@link #insertNewer}). Names come
 * from the catalog and are quoted; values are only ever bound. Every row appears at most once per
 * group, so the result is the same as running the statements one by one in any order, and the rows
 * go in primary-key order ({@link KeyOrder}), which PostgreSQL applies faster. Small groups go
 * through the JDBC batch writer, where one statement per row is as cheap.
 *
 * <p>jOOQ renders the statement, once per shape: it depends on nothing else, and rendering it and
 * binding its arrays through jOOQ for every batch (a text literal per array) took about a fifth of
 * a worker's time in a backlog drain. The arrays are bound straight to the JDBC driver, which
 * sends numbers, booleans and strings in PostgreSQL's binary array format; other element types
 * (numeric, dates, …) are bound as the same text literal jOOQ would send. A writer serves one
 * catalog: the cache is keyed by the shape, which names the table. Thread-safe.
 */
public final class UnnestUpdateWriter implements UpdateWriter {
  static final int MIN_GROUP = 4;

  /** Element types pgjdbc encodes itself (binary where the server accepts it). */
  private static final Set<Class<?>> DRIVER_ARRAYS = Set.of(
      Long[].class, Integer[].class, Short[].class, Double[].class, Float[].class,
      Boolean[].class, String[].class);

  private final UpdateWriter small = new JdbcBatchUpdateWriter();
  private final Map<Shape, String> statements = new ConcurrentHashMap<>();
  private final Map<Shape, String> inserts = new ConcurrentHashMap<>();

  @Override
  public int[] write(DSLContext tx, List<RowChange> sameShape) {
    if (sameShape.size() < MIN_GROUP) {
      return small.write(tx, sameShape);
    }
    RowChange first = sameShape.get(0);
    String sql = statements.computeIfAbsent(first.shape(), s -> render(tx, first));
    int[] order = KeyOrder.of(sameShape);
    Object[][] arrays = arrays(sameShape, order);
    return tx.connectionResult(connection -> execute(connection, sql, arrays, List.of(), order));
  }

  /**
   * One statement for the group ({@link UnnestInsertStatement}): the rows that are absent and not
   * kept out by a tombstone at least as new are inserted, their tombstones removed.
   */
  @Override
  public int[] insertNewer(DSLContext tx, List<RowChange> sameShape) {
    if (sameShape.size() < MIN_GROUP) {
      return small.insertNewer(tx, sameShape);
    }
    RowChange first = sameShape.get(0);
    String sql = inserts.computeIfAbsent(first.shape(), s -> UnnestInsertStatement.render(tx, first));
    int[] order = KeyOrder.of(sameShape);
    Object[][] arrays = arrays(sameShape, order);
    String[] rowKeys = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      rowKeys[i] = Tombstones.rowKey(sameShape.get(order[i]));
    }
    Object[][] withKeys = Arrays.copyOf(arrays, arrays.length + 1);
    withKeys[arrays.length] = rowKeys;
    String table = first.table().name();
    return tx.connectionResult(
        connection -> execute(connection, sql, withKeys, List.of(table, table), order));
  }

  /**
   * The columns' arrays in statement order ({@link #valueColumns}), then the expected versions and
   * the version advances, or in an external-version table the changes' versions; element {@code
   * i} is the change at position {@code order[i]}.
   */
  static Object[][] arrays(List<RowChange> changes, int[] order) {
    RowChange first = changes.get(0);
    List<ColumnSchema> columns = valueColumns(first);
    int keys = first.table().primaryKey().size();
    int sets = first.set().size();
    int increments = first.increments().size();
    boolean external = first.table().externalVersions();
    int n = changes.size();
    Object[][] arrays = new Object[columns.size() + (external ? 1 : 2)][];
    for (int a = 0; a < columns.size(); a++) {
      arrays[a] = newArray(columns.get(a), n);
    }
    Long[] versions = new Long[n]; // expected, or in an external-version table the new ones
    Long[] advance = new Long[n];
    for (int i = 0; i < n; i++) {
      RowChange c = changes.get(order[i]);
      for (int a = 0; a < keys; a++) {
        arrays[a][i] = c.key().get(a).value(); // RowChange keeps key values in the table's key order
      }
      for (int a = 0; a < sets; a++) {
        arrays[keys + a][i] = c.set().get(a).value();
      }
      for (int a = 0; a < increments; a++) {
        arrays[keys + sets + a][i] = c.increments().get(a).value();
      }
      versions[i] = external ? c.newVersion() : c.expectedVersion();
      advance[i] = (long) c.versionAdvance();
    }
    arrays[columns.size()] = versions;
    if (!external) {
      arrays[columns.size() + 1] = advance;
    }
    return arrays;
  }

  /** Binds the arrays, then the texts, in this order, and reads the positions that came back. */
  private static int[] execute(Connection connection, String sql, Object[][] arrays,
      List<String> texts, int[] order) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int a = 0; a < arrays.length; a++) {
        bind(statement, a + 1, arrays[a]);
      }
      for (int t = 0; t < texts.size(); t++) {
        statement.setString(arrays.length + t + 1, texts.get(t));
      }
      try (ResultSet applied = statement.executeQuery()) {
        return counts(applied, order);
      }
    }
  }

  private static void bind(PreparedStatement statement, int index, Object[] array) throws SQLException {
    if (DRIVER_ARRAYS.contains(array.getClass())) {
      statement.setObject(index, array);
    } else {
      statement.setString(index, PostgresUtils.toPGArrayString(array));
    }
  }

  /** 1 for each change whose array element came back, else 0; in the changes' own order. */
  private static int[] counts(ResultSet applied, int[] order) throws SQLException {
    int[] counts = new int[order.length];
    while (applied.next()) {
      counts[order[applied.getInt(1) - 1]]++; // WITH ORDINALITY counts from 1
    }
    return counts;
  }

  /**
   * The statement for changes of {@code shape}'s shape. Each array's SQL type is inferred from the
   * column's Java type, so it carries no length or precision: {@code ?::varchar[]}, never {@code
   * ?::varchar(16)[]}. An explicit cast to {@code varchar(16)} would silently truncate a longer
   * value, where assigning it to the column raises SQLSTATE 22001 as the statement-per-row path
   * does.
   */
  private static String render(DSLContext tx, RowChange shape) {
    TableSchema t = shape.table();
    List<QueryPart> parts = new ArrayList<>();
    StringBuilder sql = new StringBuilder("update ").append(part(parts, t.table())).append(" as kup_t set ");
    List<String> columns = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    for (ColumnSchema column : valueColumns(shape)) {
      columns.add(part(parts, DSL.name(column.name())));
      arrays.add(part(parts, DSL.val(newArray(column, 0))));
    }
    int keys = t.primaryKey().size();
    int sets = shape.set().size();
    List<String> assignments = new ArrayList<>();
    for (String name : columns.subList(keys, keys + sets)) {
      assignments.add(name + " = kup_v." + name);
    }
    for (String name : columns.subList(keys + sets, columns.size())) {
      assignments.add(name + " = kup_t." + name + " + kup_v." + name);
    }
    String version = part(parts, DSL.name(t.version().name()));
    String condition;
    if (t.externalVersions()) {
      assignments.add(version + " = kup_v.kup_version");
      columns.add("kup_version");
      arrays.add(part(parts, DSL.val(new Long[0])));
      condition = "kup_t." + version + " < kup_v.kup_version";
    } else {
      assignments.add(version + " = kup_t." + version + " + kup_v.kup_advance");
      columns.add("kup_expected");
      arrays.add(part(parts, DSL.val(new Long[0])));
      columns.add("kup_advance");
      arrays.add(part(parts, DSL.val(new Long[0])));
      condition = "kup_t." + version + " = kup_v.kup_expected";
    }
    sql.append(String.join(", ", assignments))
        .append(" from unnest(").append(String.join(", ", arrays))
        .append(") with ordinality as kup_v(").append(String.join(", ", columns))
        .append(", kup_position) where ");
    List<String> conditions = new ArrayList<>();
    for (int i = 0; i < t.primaryKey().size(); i++) {
      conditions.add("kup_t." + columns.get(i) + " = kup_v." + columns.get(i));
    }
    conditions.add(condition);
    sql.append(String.join(" and ", conditions)).append(" returning kup_v.kup_position");
    return tx.render(tx.resultQuery(sql.toString(), parts.toArray()));
  }

  /** The columns with a bound array, in statement order: key, set, then incremented columns. */
  static List<ColumnSchema> valueColumns(RowChange shape) {
    List<ColumnSchema> columns = new ArrayList<>(shape.table().primaryKey());
    shape.set().forEach(v -> columns.add(v.column()));
    shape.increments().forEach(v -> columns.add(v.column()));
    return columns;
  }

  static Object[] newArray(ColumnSchema column, int length) {
    return (Object[]) Array.newInstance(column.javaType(), length);
  }

  /** Adds a query part and returns its template placeholder. */
  static String part(List<QueryPart> parts, QueryPart part) {
    parts.add(part);
    return "{" + (parts.size() - 1) + "}";
  }
}
