package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Builds the parameterised statements of one change shape and the bind values of each change, in
 * the same order. Names come from the catalog; every value is a bind parameter.
 */
final class JooqStatements {
  private JooqStatements() {}

  /** {@code UPDATE t SET a = ?, b = b + ?, version = version + ? WHERE pk = ? AND version = ?}. */
  static Query update(DSLContext dsl, RowChange shape) {
    TableSchema t = shape.table();
    Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
    shape.set().forEach(v -> assignments.put(v.column().field(), param(v.column())));
    shape.increments().forEach(v -> assignments.put(v.column().field(), plusParam(v.column())));
    assignments.put(t.version().field(), plusParam(t.version()));
    return dsl.update(t.table()).set(assignments).where(keyAndVersion(t));
  }

  static Object[] updateBinds(RowChange change) {
    List<Object> binds = new ArrayList<>();
    change.set().forEach(v -> binds.add(v.value()));
    change.increments().forEach(v -> binds.add(v.value()));
    binds.add(change.versionAdvance());
    change.key().forEach(v -> binds.add(v.value()));
    binds.add(change.expectedVersion());
    return binds.toArray();
  }

  /** {@code DELETE FROM t WHERE pk = ? AND version = ?}. */
  static Query delete(DSLContext dsl, RowChange shape) {
    return dsl.deleteFrom(shape.table().table()).where(keyAndVersion(shape.table()));
  }

  static Object[] deleteBinds(RowChange change) {
    List<Object> binds = new ArrayList<>();
    change.key().forEach(v -> binds.add(v.value()));
    binds.add(change.expectedVersion());
    return binds.toArray();
  }

  /**
   * {@code INSERT INTO t (pk, a, b, version) VALUES (?, ?, ?, 1)}: an upsert of an absent row;
   * increments start from zero, so the inserted value is the delta.
   */
  static Query insert(DSLContext dsl, RowChange shape) {
    TableSchema t = shape.table();
    List<Field<?>> columns = new ArrayList<>();
    List<Field<?>> values = new ArrayList<>();
    for (ColumnValue v : written(shape)) {
      columns.add(v.column().field());
      values.add(param(v.column()));
    }
    columns.add(t.version().field());
    values.add(DSL.inline(1, t.version().field()));
    return dsl.insertInto(t.table()).columns(columns).values(values);
  }

  static Object[] insertBinds(RowChange change) {
    return written(change).stream().map(ColumnValue::value).toArray();
  }

  /** The current version of the change's row, if the row exists. */
  static Optional<Long> currentVersion(DSLContext dsl, RowChange change) {
    TableSchema t = change.table();
    return dsl.select(t.version().field())
        .from(t.table())
        .where(keyEquals(change))
        .fetchOptional(r -> ((Number) r.value1()).longValue());
  }

  private static List<ColumnValue> written(RowChange change) {
    List<ColumnValue> all = new ArrayList<>(change.key());
    all.addAll(change.set());
    all.addAll(change.increments());
    return all;
  }

  private static Condition keyAndVersion(TableSchema t) {
    List<Condition> conditions = new ArrayList<>();
    t.primaryKey().forEach(c -> conditions.add(c.field().eq(param(c))));
    conditions.add(t.version().field().eq(param(t.version())));
    return DSL.and(conditions);
  }

  private static Condition keyEquals(RowChange change) {
    return DSL.and(change.key().stream().map(v -> v.column().field().eq(v.value())).toList());
  }

  private static Field<Object> param(ColumnSchema column) {
    return DSL.val(null, column.field());
  }

  @SuppressWarnings("unchecked")
  private static Field<Object> plusParam(ColumnSchema column) {
    Field<? extends Number> delta = (Field<? extends Number>) (Field<?>) param(column);
    return column.field().plus(delta);
  }

}
