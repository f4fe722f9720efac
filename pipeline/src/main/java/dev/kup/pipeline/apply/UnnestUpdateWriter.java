package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.RowChange.RowId;
import dev.kup.pipeline.validate.TableSchema;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The PostgreSQL fast path: a whole group of version-checked updates in ONE statement,
 *
 * <pre>
 * UPDATE t AS kup_t SET a = kup_v.a, b = kup_t.b + kup_v.b, version = kup_t.version + kup_v.kup_advance
 * FROM unnest(?::type[], ...) AS kup_v(pk, a, b, kup_expected, kup_advance)
 * WHERE kup_t.pk = kup_v.pk AND kup_t.version = kup_v.kup_expected
 * RETURNING kup_t.pk
 * </pre>
 *
 * with one bound array per column; the returned keys say which changes applied (the others
 * matched nothing and are classified by the caller, exactly as with update counts). Names come
 * from the catalog and are quoted; values are only ever bound. Every row appears at most once per
 * group, so the result is the same as running the statements one by one. Small groups go through
 * the JDBC batch writer, where one statement per row is as cheap. Stateless and thread-safe.
 */
public final class UnnestUpdateWriter implements UpdateWriter {
  static final int MIN_GROUP = 4;

  private final UpdateWriter small = new JdbcBatchUpdateWriter();

  @Override
  public int[] write(DSLContext tx, List<RowChange> sameShape) {
    if (sameShape.size() < MIN_GROUP) {
      return small.write(tx, sameShape);
    }
    RowChange shape = sameShape.get(0);
    TableSchema t = shape.table();
    List<QueryPart> parts = new ArrayList<>();
    StringBuilder sql = new StringBuilder("update ").append(part(parts, t.table())).append(" as kup_t set ");
    List<String> assignments = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<QueryPart> arrays = new ArrayList<>();
    for (ColumnSchema pk : t.primaryKey()) {
      columns.add(part(parts, DSL.name(pk.name())));
      arrays.add(array(pk, sameShape, c -> keyValue(c, pk)));
    }
    for (int i = 0; i < shape.set().size(); i++) {
      ColumnSchema col = shape.set().get(i).column();
      int index = i;
      String name = part(parts, DSL.name(col.name()));
      assignments.add(name + " = kup_v." + name);
      columns.add(name);
      arrays.add(array(col, sameShape, c -> c.set().get(index).value()));
    }
    for (int i = 0; i < shape.increments().size(); i++) {
      ColumnSchema col = shape.increments().get(i).column();
      int index = i;
      String name = part(parts, DSL.name(col.name()));
      assignments.add(name + " = kup_t." + name + " + kup_v." + name);
      columns.add(name);
      arrays.add(array(col, sameShape, c -> c.increments().get(index).value()));
    }
    String version = part(parts, DSL.name(t.version().name()));
    assignments.add(version + " = kup_t." + version + " + kup_v.kup_advance");
    columns.add("kup_expected");
    arrays.add(DSL.val(sameShape.stream().map(RowChange::expectedVersion).toArray(Long[]::new),
        SQLDataType.BIGINT.getArrayDataType()));
    columns.add("kup_advance");
    arrays.add(DSL.val(sameShape.stream().map(c -> (long) c.versionAdvance()).toArray(Long[]::new),
        SQLDataType.BIGINT.getArrayDataType()));
    sql.append(String.join(", ", assignments)).append(" from unnest(");
    List<String> arrayRefs = new ArrayList<>();
    arrays.forEach(a -> arrayRefs.add(part(parts, a)));
    sql.append(String.join(", ", arrayRefs)).append(") as kup_v(").append(String.join(", ", columns))
        .append(") where ");
    List<String> conditions = new ArrayList<>();
    List<String> returning = new ArrayList<>();
    for (int i = 0; i < t.primaryKey().size(); i++) {
      conditions.add("kup_t." + columns.get(i) + " = kup_v." + columns.get(i));
      returning.add("kup_t." + columns.get(i));
    }
    conditions.add("kup_t." + version + " = kup_v.kup_expected");
    sql.append(String.join(" and ", conditions)).append(" returning ").append(String.join(", ", returning));
    return counts(tx.resultQuery(sql.toString(), parts.toArray()).fetch(), sameShape, t);
  }

  /** 1 for each change whose key came back, else 0. */
  private static int[] counts(List<Record> applied, List<RowChange> changes, TableSchema t) {
    Map<RowId, Integer> position = new HashMap<>(2 * changes.size());
    for (int i = 0; i < changes.size(); i++) {
      position.put(changes.get(i).rowId(), i);
    }
    int[] counts = new int[changes.size()];
    int keyColumns = t.primaryKey().size();
    for (Record r : applied) {
      Object[] key = new Object[keyColumns];
      for (int i = 0; i < keyColumns; i++) {
        key[i] = t.primaryKey().get(i).type().convert(r.get(i));
      }
      RowId returned = new RowId(t.name(), List.of(key));
      Integer at = position.get(returned);
      if (at == null) {
        throw new IllegalStateException("the database returned a key no change asked for: " + returned.key());
      }
      counts[at]++;
    }
    return counts;
  }

  private static Object keyValue(RowChange change, ColumnSchema pk) {
    return change.key().get(change.table().primaryKey().indexOf(pk)).value();
  }

  /**
   * One bound array of the column's Java type. Its SQL type is inferred from that Java type, so it
   * carries no length or precision: {@code ?::varchar[]}, never {@code ?::varchar(16)[]}. An
   * explicit cast to {@code varchar(16)} would silently truncate a longer value, where assigning
   * it to the column raises SQLSTATE 22001 as the statement-per-row path does.
   */
  private static QueryPart array(ColumnSchema column, List<RowChange> changes, Function<RowChange, Object> value) {
    Object[] array = (Object[]) Array.newInstance(column.javaType(), changes.size());
    for (int i = 0; i < changes.size(); i++) {
      array[i] = value.apply(changes.get(i));
    }
    return DSL.val(array);
  }

  /** Adds a query part and returns its template placeholder. */
  private static String part(List<QueryPart> parts, QueryPart part) {
    parts.add(part);
    return "{" + (parts.size() - 1) + "}";
  }
}
