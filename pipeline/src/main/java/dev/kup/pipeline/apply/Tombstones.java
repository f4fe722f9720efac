package dev.kup.pipeline.apply;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import dev.kup.pipeline.dialect.InstantColumn;
import dev.kup.pipeline.validate.ColumnValue;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.schemas.RecordKeys;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Where the rows deleted from external-version tables leave their version: table {@code
 * kup_tombstones} of the connection's current schema,
 *
 * <pre>
 * CREATE TABLE kup_tombstones (
 *   table_name VARCHAR(255) NOT NULL,
 *   row_key    VARCHAR(512) NOT NULL,
 *   version    BIGINT       NOT NULL,
 *   deleted_at TIMESTAMP WITH TIME ZONE NOT NULL,
 *   PRIMARY KEY (table_name, row_key))
 * </pre>
 *
 * A delete that arrives before an older insert or update of its row would otherwise let that
 * change bring the row back; the tombstone makes it stale, until a newer insert removes it. Read
 * and written only inside a batch's transaction. Names are rendered unquoted like {@code
 * kup_offsets}'s, so a DBA's table created with this DDL is found on PostgreSQL and on H2.
 */
public final class Tombstones {
  public static final String TABLE_NAME = "kup_tombstones";
  static final Table<?> TOMBSTONES = table(unquotedName(TABLE_NAME));
  static final Field<String> TABLE =
      field(unquotedName(TABLE_NAME, "table_name"), SQLDataType.VARCHAR(255).notNull());
  static final Field<String> ROW_KEY =
      field(unquotedName(TABLE_NAME, "row_key"), SQLDataType.VARCHAR(512).notNull());
  static final Field<Long> VERSION =
      field(unquotedName(TABLE_NAME, "version"), SQLDataType.BIGINT.notNull());
  static final Name DELETED_AT = unquotedName(TABLE_NAME, "deleted_at");
  /** Keys looked up per statement: far below any database's limit of bind values. */
  private static final int LOOKUP_CHUNK = 500;

  private Tombstones() {}

  /** Creates the table unless it exists; for a service with an external-version table. */
  public static void createIfMissing(DSLContext dsl) {
    dsl.createTableIfNotExists(TOMBSTONES)
        .columns(TABLE, ROW_KEY, VERSION, InstantColumn.field(DELETED_AT, dsl.dialect()))
        .primaryKey(TABLE, ROW_KEY)
        .execute();
  }

  /**
   * The row's canonical key, as a record's Kafka key spells it after the table, made from the
   * values as the key columns hold them (so {@code 1.50} and {@code 1.5} of a numeric key are one
   * row); values that are neither text, numbers nor booleans (UUIDs, times) by their Java text.
   */
  static String rowKey(RowChange change) {
    Map<String, Object> key = new LinkedHashMap<>();
    for (ColumnValue v : change.key()) {
      Object value = v.value();
      boolean wire = value instanceof String || value instanceof Number || value instanceof Boolean;
      key.put(v.column().name(), wire ? value : String.valueOf(value));
    }
    return RecordKeys.canonicalKey(key);
  }

  /** Each change's tombstone version, or null where its row has none; changes of one table. */
  static Long[] versions(DSLContext tx, List<RowChange> sameTable) {
    String table = sameTable.get(0).table().name();
    List<String> keys = sameTable.stream().map(Tombstones::rowKey).toList();
    Map<String, Long> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
      tx.select(ROW_KEY, VERSION).from(TOMBSTONES)
          .where(TABLE.eq(table)).and(ROW_KEY.in(chunk))
          .forEach(r -> found.put(r.value1(), r.value2()));
    }
    return keys.stream().map(found::get).toArray(Long[]::new);
  }

  /**
   * Leaves each change's version as its row's tombstone.
   *
   * @param known each change's tombstone version as {@link #versions} read it, all older
   */
  static void record(DSLContext tx, List<RowChange> deletes, Long[] known) {
    List<RowChange> moved = new ArrayList<>();
    List<RowChange> fresh = new ArrayList<>();
    for (int i = 0; i < deletes.size(); i++) {
      (known[i] == null ? fresh : moved).add(deletes.get(i));
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Field<OffsetDateTime> deletedAt = InstantColumn.field(DELETED_AT, tx.dialect());
    if (!moved.isEmpty()) {
      BatchBindStep batch = tx.batch(tx.update(TOMBSTONES)
          .set(VERSION, 0L).set(deletedAt, now).where(TABLE.eq("")).and(ROW_KEY.eq("")));
      for (RowChange d : moved) {
        batch = batch.bind(d.newVersion(), now, d.table().name(), rowKey(d));
      }
      batch.execute();
    }
    if (!fresh.isEmpty()) {
      BatchBindStep batch = tx.batch(tx.insertInto(TOMBSTONES, TABLE, ROW_KEY, VERSION, deletedAt)
          .values("", "", 0L, now));
      for (RowChange d : fresh) {
        batch = batch.bind(d.table().name(), rowKey(d), d.newVersion(), now);
      }
      batch.execute();
    }
  }

  /** Removes the tombstones of rows inserted again; changes of one table. */
  static void drop(DSLContext tx, List<RowChange> sameTable) {
    if (sameTable.isEmpty()) {
      return;
    }
    String table = sameTable.get(0).table().name();
    List<String> keys = sameTable.stream().map(Tombstones::rowKey).toList();
    for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
      tx.deleteFrom(TOMBSTONES).where(TABLE.eq(table))
          .and(ROW_KEY.in(keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK))))
          .execute();
    }
  }
}
