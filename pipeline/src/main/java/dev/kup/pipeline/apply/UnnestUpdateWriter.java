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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
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
 * ({@link UnnestUpdateStatement}) with one bound array per column; the returned positions say
 * which changes applied (the others matched nothing and are classified by the caller, exactly as
 * with update counts). The rows a group did not match are looked up in one statement too ({@link
 * UnnestVersionLookup}), and the upserts of absent rows inserted in one more ({@link
 * UnnestInsertStatement}). In an external-version table the version is the change's own: {@code
 * version = kup_v.kup_version} where {@code kup_t.version < kup_v.kup_version}, and the absent rows
 * are inserted in one more statement ({@link #insertNewer}). Names come from the catalog and are
 * quoted; values are only ever bound. Every row appears at most once per group, so the result is
 * the same as running the statements one by one in any order, and the rows go in primary-key order
 * ({@link KeyOrder}), which PostgreSQL applies faster. Small groups go through the JDBC batch
 * writer, where one statement per row is as cheap.
 *
 * <p>jOOQ renders each statement once per shape (the lookup once per table): it depends on
 * nothing else, and rendering it and binding its arrays through jOOQ for every batch (a text
 * literal per array) took about a fifth of a worker's time in a backlog drain. The arrays are
 * bound straight to the JDBC driver, which sends numbers, booleans and strings in PostgreSQL's
 * binary array format; other element types (numeric, dates, …) are bound as the same text literal
 * jOOQ would send. A writer serves one catalog: the caches are keyed by the shape or the table's
 * name. Thread-safe.
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
  private final Map<String, String> lookups = new ConcurrentHashMap<>();

  @Override
  public int[] write(DSLContext tx, List<RowChange> sameShape) {
    if (sameShape.size() < MIN_GROUP) {
      return small.write(tx, sameShape);
    }
    RowChange first = sameShape.get(0);
    String sql = statements.computeIfAbsent(
        first.shape(), s -> UnnestUpdateStatement.render(tx, first));
    int[] order = KeyOrder.of(sameShape);
    Object[][] arrays = arrays(sameShape, order);
    return tx.connectionResult(
        connection -> query(connection, sql, arrays, List.of(), rows -> counts(rows, order)));
  }

  /** One statement for the group ({@link UnnestVersionLookup}). */
  @Override
  public Long[] currentVersions(DSLContext tx, List<RowChange> sameTable) {
    if (sameTable.size() < MIN_GROUP) {
      return small.currentVersions(tx, sameTable);
    }
    TableSchema table = sameTable.get(0).table();
    String sql = lookups.computeIfAbsent(
        table.name(), name -> UnnestVersionLookup.render(tx, table));
    int[] order = KeyOrder.of(sameTable);
    Object[][] keys = UnnestVersionLookup.keyArrays(sameTable, order);
    return tx.connectionResult(connection -> query(connection, sql, keys, List.of(),
        rows -> UnnestVersionLookup.versions(rows, order)));
  }

  /**
   * One statement for the group ({@link UnnestInsertStatement}): {@code INSERT … SELECT FROM
   * unnest … ON CONFLICT (pk) DO NOTHING}, so a row whose key is taken by now counts 0.
   */
  @Override
  public int[] insert(DSLContext tx, List<RowChange> sameShape) {
    if (sameShape.size() < MIN_GROUP) {
      return small.insert(tx, sameShape);
    }
    String sql = insertStatement(tx, sameShape.get(0));
    int[] order = KeyOrder.of(sameShape);
    Object[][] arrays = arrays(sameShape, order);
    return tx.connectionResult(
        connection -> query(connection, sql, arrays, List.of(), rows -> counts(rows, order)));
  }

  /** The same statement as {@link #insert}, for groups large enough to take the set-based path. */
  @Override
  public Optional<int[]> insertWhereAbsent(DSLContext tx, List<RowChange> sameShape) {
    return sameShape.size() < MIN_GROUP ? Optional.empty() : Optional.of(insert(tx, sameShape));
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
    String sql = insertStatement(tx, sameShape.get(0));
    int[] order = KeyOrder.of(sameShape);
    Object[][] arrays = arrays(sameShape, order);
    String[] rowKeys = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      rowKeys[i] = Tombstones.rowKey(sameShape.get(order[i]));
    }
    Object[][] withKeys = Arrays.copyOf(arrays, arrays.length + 1);
    withKeys[arrays.length] = rowKeys;
    String table = sameShape.get(0).table().name();
    return tx.connectionResult(connection -> query(connection, sql, withKeys,
        List.of(table, table), rows -> counts(rows, order)));
  }

  private String insertStatement(DSLContext tx, RowChange shape) {
    return inserts.computeIfAbsent(shape.shape(), s -> UnnestInsertStatement.render(tx, shape));
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

  /** Binds the arrays, then the texts, in this order, and reads what came back. */
  private static <T> T query(Connection connection, String sql, Object[][] arrays,
      List<String> texts, Rows<T> reader) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int a = 0; a < arrays.length; a++) {
        bind(statement, a + 1, arrays[a]);
      }
      for (int t = 0; t < texts.size(); t++) {
        statement.setString(arrays.length + t + 1, texts.get(t));
      }
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
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

  /** What a statement's rows mean. */
  @FunctionalInterface
  private interface Rows<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Adds a query part and returns its template placeholder. */
  static String part(List<QueryPart> parts, QueryPart part) {
    parts.add(part);
    return "{" + (parts.size() - 1) + "}";
  }
}
