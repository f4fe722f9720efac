package dev.kup.pipeline.apply;

import static dev.kup.pipeline.apply.UnnestUpdateWriter.newArray;
import static dev.kup.pipeline.apply.UnnestUpdateWriter.part;

import dev.kup.pipeline.validate.ColumnSchema;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.TableSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * The current versions of a group's rows on PostgreSQL, one statement:
 *
 * <pre>
 * SELECT kup_k.kup_position, kup_t.version
 * FROM unnest(?::type[], ...) WITH ORDINALITY AS kup_k(pk, ..., kup_position)
 * JOIN t AS kup_t ON kup_t.pk = kup_k.pk
 * </pre>
 *
 * Binds one array per key column ({@link #keyArrays}); an absent row does not come back. Names
 * come from the catalog and are quoted; the statement depends only on the table.
 */
final class UnnestVersionLookup {
  private UnnestVersionLookup() {}

  static String render(DSLContext tx, TableSchema t) {
    List<QueryPart> parts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    for (ColumnSchema column : t.primaryKey()) {
      keys.add(part(parts, DSL.name(column.name())));
      arrays.add(part(parts, DSL.val(newArray(column, 0))));
    }
    String version = part(parts, DSL.name(t.version().name()));
    String sql = "select kup_k.kup_position, kup_t." + version + " from unnest("
        + String.join(", ", arrays) + ") with ordinality as kup_k(" + String.join(", ", keys)
        + ", kup_position) join " + part(parts, t.table()) + " as kup_t on "
        + String.join(" and ", keys.stream().map(k -> "kup_t." + k + " = kup_k." + k).toList());
    return tx.render(tx.resultQuery(sql, parts.toArray()));
  }

  /** One array per key column, in the table's key order; element {@code i} is {@code order[i]}'s. */
  static Object[][] keyArrays(List<RowChange> changes, int[] order) {
    List<ColumnSchema> key = changes.get(0).table().primaryKey();
    Object[][] arrays = new Object[key.size()][];
    for (int a = 0; a < arrays.length; a++) {
      arrays[a] = newArray(key.get(a), order.length);
    }
    for (int i = 0; i < order.length; i++) {
      RowChange change = changes.get(order[i]);
      for (int a = 0; a < arrays.length; a++) {
        arrays[a][i] = change.key().get(a).value(); // RowChange keeps the table's key order
      }
    }
    return arrays;
  }

  /** Each change's version as the statement returned it, null where its row is absent. */
  static Long[] versions(ResultSet found, int[] order) throws SQLException {
    Long[] versions = new Long[order.length];
    while (found.next()) {
      versions[order[found.getInt(1) - 1]] = found.getLong(2); // WITH ORDINALITY counts from 1
    }
    return versions;
  }
}
