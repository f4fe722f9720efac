package dev.kup.pipeline.apply;

import static dev.kup.pipeline.apply.UnnestUpdateWriter.newArray;
import static dev.kup.pipeline.apply.UnnestUpdateWriter.part;
import static dev.kup.pipeline.apply.UnnestUpdateWriter.valueColumns;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * The set-based version-checked update of a group on PostgreSQL, one statement (see {@link
 * UnnestUpdateWriter} for its shape and binds).
 */
final class UnnestUpdateStatement {
  private UnnestUpdateStatement() {}

  /**
   * The statement for changes of {@code shape}'s shape. Each array's SQL type is inferred from the
   * column's Java type, so it carries no length or precision: {@code ?::varchar[]}, never {@code
   * ?::varchar(16)[]}. An explicit cast to {@code varchar(16)} would silently truncate a longer
   * value, where assigning it to the column raises SQLSTATE 22001 as the statement-per-row path
   * does.
   */
  static String render(DSLContext tx, RowChange shape) {
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
    String condition = versionParts(t, parts, columns, arrays, assignments);
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

  /**
   * Adds the version's arrays, columns and assignment, and returns its condition: the expected
   * version and the advance ({@code version = kup_expected}), or the change's own version where
   * the table takes external versions ({@code version < kup_version}).
   */
  private static String versionParts(TableSchema t, List<QueryPart> parts, List<String> columns,
      List<String> arrays, List<String> assignments) {
    String version = part(parts, DSL.name(t.version().name()));
    if (t.externalVersions()) {
      assignments.add(version + " = kup_v.kup_version");
      columns.add("kup_version");
      arrays.add(part(parts, DSL.val(new Long[0])));
      return "kup_t." + version + " < kup_v.kup_version";
    }
    assignments.add(version + " = kup_t." + version + " + kup_v.kup_advance");
    columns.add("kup_expected");
    arrays.add(part(parts, DSL.val(new Long[0])));
    columns.add("kup_advance");
    arrays.add(part(parts, DSL.val(new Long[0])));
    return "kup_t." + version + " = kup_v.kup_expected";
  }
}
