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

  /**
   * {@code UPDATE t SET a = ?, b = b + ?, version = version + ? WHERE pk = ? AND version = ?}; in
   * an external-version table {@code UPDATE t SET a = ?, version = ? WHERE pk = ? AND version < ?}
   * (no increments there), so only a newer change applies.
   */
  static Query update(DSLContext dsl, RowChange shape) {
    TableSchema t = shape.table();
    Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
    shape.set().forEach(v -> assignments.put(v.column().field(), param(v.column())));
    shape.increments().forEach(v -> assignments.put(v.column().field(), plusParam(v.column())));
    if (t.externalVersions()) {
      assignments.put(t.version().field(), param(t.version()));
      return dsl.update(t.table()).set(assignments)
          .where(key(t)).and(t.version().field().lt(param(t.version())));
    }
    assignments.put(t.version().field(), plusParam(t.version()));
    return dsl.update(t.table()).set(assignments).where(key(t)).and(version(t));
  }

  static Object[] updateBinds(RowChange change) {
    List<Object> binds = new ArrayList<>();
    change.set().forEach(v -> binds.add(v.value()));
    change.increments().forEach(v -> binds.add(v.value()));
    boolean external = change.table().externalVersions();
    binds.add(external ? change.newVersion() : change.versionAdvance());
    change.key().forEach(v -> binds.add(v.value()));
    binds.add(change.expectedVersion());
    return binds.toArray();
  }

  /**
   * {@code DELETE FROM t WHERE pk = ? AND version = ?}; in an external-version table {@code ...
   * AND version <= ?}: a delete applies unless the row is newer.
   */
  static Query delete(DSLContext dsl, RowChange shape) {
    TableSchema t = shape.table();
    return dsl.deleteFrom(t.table()).where(key(t)).and(t.externalVersions()
        ? t.version().field().le(param(t.version())) : version(t));
  }

  static Object[] deleteBinds(RowChange change) {
    List<Object> binds = new ArrayList<>();
    change.key().forEach(v -> binds.add(v.value()));
    binds.add(change.expectedVersion());
    return binds.toArray();
  }

  /**
   * {@code INSERT INTO t (pk, a, b, version) VALUES (?, ?, ?, ?)}: an upsert of an absent row at
   * its new version (1, or the record's in an external-version table); increments start from
   * zero, so the inserted value is the delta.
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
    values.add(param(t.version()));
    return dsl.insertInto(t.table()).columns(columns).values(values);
  }

  static Object[] insertBinds(RowChange change) {
    List<Object> binds = new ArrayList<>();
    written(change).forEach(v -> binds.add(v.value()));
    binds.add(change.newVersion());
    return binds.toArray();
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

  private static Condition key(TableSchema t) {
    return DSL.and(t.primaryKey().stream().map(c -> c.field().eq(param(c))).toList());
  }

  private static Condition version(TableSchema t) {
    return t.version().field().eq(param(t.version()));
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
