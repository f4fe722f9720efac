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
 * The set-based insert of a group's absent rows on PostgreSQL, one statement. In a table with
 * expected versions (the upserts of rows read as absent) the row's version is the change's new
 * one, its expected version advanced:
 *
 * <pre>
 * WITH kup_v AS (SELECT * FROM unnest(?::type[], ...) WITH ORDINALITY
 *                  AS kup_u(pk, a, kup_expected, kup_advance, kup_position)),
 * kup_i AS (INSERT INTO t (pk, a, version)
 *           SELECT kup_v.pk, kup_v.a, kup_v.kup_expected + kup_v.kup_advance FROM kup_v
 *           ON CONFLICT (pk) DO NOTHING RETURNING pk)
 * SELECT kup_v.kup_position FROM kup_v WHERE (kup_v.pk) IN (SELECT pk FROM kup_i) IS TRUE
 * </pre>
 *
 * Binds: the arrays of {@link UnnestUpdateWriter#arrays}. In an external-version table the version
 * is the change's own, a tombstone at least as new keeps the row out, and the tombstones of the
 * rows inserted are removed:
 *
 * <pre>
 * WITH kup_v AS (SELECT * FROM unnest(?::type[], ...) WITH ORDINALITY
 *                  AS kup_u(pk, a, kup_version, kup_row_key, kup_position)),
 * kup_i AS (INSERT INTO t (pk, a, version) SELECT kup_v.pk, kup_v.a, kup_v.kup_version FROM kup_v
 *           WHERE NOT EXISTS (SELECT 1 FROM kup_tombstones WHERE table_name = ?
 *             AND row_key = kup_v.kup_row_key AND version >= kup_v.kup_version)
 *           ON CONFLICT (pk) DO NOTHING RETURNING pk),
 * kup_d AS (DELETE FROM kup_tombstones USING kup_v WHERE table_name = ?
 *           AND row_key = kup_v.kup_row_key AND (kup_v.pk) IN (SELECT pk FROM kup_i) IS TRUE)
 * SELECT kup_v.kup_position FROM kup_v WHERE (kup_v.pk) IN (SELECT pk FROM kup_i) IS TRUE
 * </pre>
 *
 * Binds: the arrays of {@link UnnestUpdateWriter#arrays} and the rows' canonical keys, then the
 * table's name twice. The conflict target is the primary key alone, so another unique constraint
 * a row breaks still raises its error (and the row is isolated), never reads as stale or as
 * written meanwhile.
 */
final class UnnestInsertStatement {
  private UnnestInsertStatement() {}

  /** The statement for changes of {@code shape}'s shape, by its table's version mode. */
  static String render(DSLContext tx, RowChange shape) {
    TableSchema t = shape.table();
    boolean external = t.externalVersions();
    List<QueryPart> parts = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    for (ColumnSchema column : UnnestUpdateWriter.valueColumns(shape)) {
      columns.add(part(parts, DSL.name(column.name())));
      arrays.add(part(parts, DSL.val(newArray(column, 0))));
    }
    arrays.add(part(parts, DSL.val(new Long[0])));
    arrays.add(part(parts, DSL.val(external ? new String[0] : new Long[0])));
    List<String> keys = columns.subList(0, t.primaryKey().size());
    String inserted = insertedByThis(keys);
    String sameTable = external ? sameTable(parts, t) : null;
    String sql = "with kup_v as (select * from unnest(" + String.join(", ", arrays)
        + ") with ordinality as kup_u(" + String.join(", ", columns)
        + (external ? ", kup_version, kup_row_key" : ", kup_expected, kup_advance")
        + ", kup_position)), kup_i as (" + insert(parts, t, columns, keys, sameTable) + ")"
        + (external ? ", kup_d as (delete from " + part(parts, Tombstones.TOMBSTONES)
            + " using kup_v where " + sameTable + " and " + inserted + ")" : "")
        + " select kup_v.kup_position from kup_v where " + inserted;
    return tx.render(tx.resultQuery(sql, parts.toArray()));
  }

  /**
   * The insert of the rows whose keys are free, at their new versions: the expected one advanced,
   * or with external versions the change's own where no tombstone at least as new blocks it.
   *
   * @param sameTable the condition on a row's tombstone; null without external versions
   */
  private static String insert(List<QueryPart> parts, TableSchema t, List<String> columns,
      List<String> keys, String sameTable) {
    String sql = "insert into " + part(parts, t.table()) + " (" + String.join(", ", columns) + ", "
        + part(parts, DSL.name(t.version().name())) + ") select "
        + String.join(", ", qualified("kup_v", columns));
    if (sameTable == null) {
      sql += ", kup_v.kup_expected + kup_v.kup_advance from kup_v";
    } else {
      sql += ", kup_v.kup_version from kup_v where not exists (select 1 from "
          + part(parts, Tombstones.TOMBSTONES) + " where " + sameTable + " and "
          + part(parts, Tombstones.VERSION) + " >= kup_v.kup_version)";
    }
    return sql + " on conflict (" + String.join(", ", keys) + ") do nothing returning "
        + String.join(", ", keys);
  }

  /** The tombstone's table and row: the table's name bound as a text, wherever it is used. */
  private static String sameTable(List<QueryPart> parts, TableSchema t) {
    String tableName = part(parts, DSL.val(t.name()));
    return part(parts, Tombstones.TABLE) + " = " + tableName + " and "
        + part(parts, Tombstones.ROW_KEY) + " = kup_v.kup_row_key";
  }

  private static List<String> qualified(String relation, List<String> columns) {
    return columns.stream().map(c -> relation + "." + c).toList();
  }

  /**
   * The condition that a row of {@code kup_v} was inserted by this statement: {@code (kup_v.pk) IN
   * (SELECT pk FROM kup_i) IS TRUE}. Written as a test rather than a join of the two CTEs, because
   * kup's sessions switch hash and merge joins off (for the updates' plans), which leaves such a
   * join a nested loop comparing every row with every row: 1 s for a group of 5,000 against 16 ms
   * for this form, which PostgreSQL runs as one hashed subplan. {@code IS TRUE} keeps the planner
   * from turning the test back into a join. Keys are never null, so it means the same.
   */
  private static String insertedByThis(List<String> keys) {
    String columns = String.join(", ", keys);
    return "(" + String.join(", ", qualified("kup_v", keys)) + ") in (select " + columns
        + " from kup_i) is true";
  }
}
