package dev.kup.pipeline.apply;

import static dev.kup.pipeline.apply.UnnestUpdateWriter.newArray;
import static dev.kup.pipeline.apply.UnnestUpdateWriter.part;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * The set-based insert of an external-version group's absent rows on PostgreSQL, one statement:
 *
 * <pre>
 * WITH kup_v AS (SELECT * FROM unnest(?::type[], ...) WITH ORDINALITY
 *                  AS kup_u(pk, a, kup_version, kup_row_key, kup_position)),
 * kup_i AS (INSERT INTO t (pk, a, version) SELECT kup_v.pk, kup_v.a, kup_v.kup_version FROM kup_v
 *           WHERE NOT EXISTS (SELECT 1 FROM kup_tombstones WHERE table_name = ?
 *             AND row_key = kup_v.kup_row_key AND version >= kup_v.kup_version)
 *           ON CONFLICT (pk) DO NOTHING RETURNING pk),
 * kup_d AS (DELETE FROM kup_tombstones USING kup_v JOIN kup_i ON kup_i.pk = kup_v.pk
 *           WHERE table_name = ? AND row_key = kup_v.kup_row_key)
 * SELECT kup_v.kup_position FROM kup_v JOIN kup_i ON kup_i.pk = kup_v.pk
 * </pre>
 *
 * Binds: the arrays of {@link UnnestUpdateWriter#arrays} and the rows' canonical keys, then the
 * table's name twice. The conflict target is the primary key alone, so another unique constraint
 * a row breaks still raises its error (and the row is isolated), never reads as stale.
 */
final class UnnestInsertStatement {
  private UnnestInsertStatement() {}

  static String render(DSLContext tx, RowChange shape) {
    TableSchema t = shape.table();
    List<QueryPart> parts = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    for (ColumnSchema column : UnnestUpdateWriter.valueColumns(shape)) {
      columns.add(part(parts, DSL.name(column.name())));
      arrays.add(part(parts, DSL.val(newArray(column, 0))));
    }
    arrays.add(part(parts, DSL.val(new Long[0])));
    arrays.add(part(parts, DSL.val(new String[0])));
    List<String> keys = columns.subList(0, t.primaryKey().size());
    String version = part(parts, DSL.name(t.version().name()));
    String tombstones = part(parts, Tombstones.TOMBSTONES);
    String tableName = part(parts, DSL.val(t.name()));
    String rowKey = part(parts, Tombstones.ROW_KEY);
    String sameTable = part(parts, Tombstones.TABLE) + " = " + tableName
        + " and " + rowKey + " = kup_v.kup_row_key";
    String inserted = joined("kup_i", "kup_v", keys);
    String sql = "with kup_v as (select * from unnest(" + String.join(", ", arrays)
        + ") with ordinality as kup_u(" + String.join(", ", columns)
        + ", kup_version, kup_row_key, kup_position)), "
        + "kup_i as (insert into " + part(parts, t.table()) + " (" + String.join(", ", columns)
        + ", " + version + ") select " + String.join(", ", qualified("kup_v", columns))
        + ", kup_v.kup_version from kup_v where not exists (select 1 from " + tombstones
        + " where " + sameTable + " and " + part(parts, Tombstones.VERSION)
        + " >= kup_v.kup_version) on conflict (" + String.join(", ", keys)
        + ") do nothing returning " + String.join(", ", keys) + "), "
        + "kup_d as (delete from " + tombstones + " using kup_v join kup_i on " + inserted
        + " where " + sameTable + ") "
        + "select kup_v.kup_position from kup_v join kup_i on " + inserted;
    return tx.render(tx.resultQuery(sql, parts.toArray()));
  }

  private static List<String> qualified(String relation, List<String> columns) {
    return columns.stream().map(c -> relation + "." + c).toList();
  }

  private static String joined(String left, String right, List<String> keys) {
    return String.join(" and ", keys.stream().map(k -> left + "." + k + " = " + right + "." + k).toList());
  }
}
