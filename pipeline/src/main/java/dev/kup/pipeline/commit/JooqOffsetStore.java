package dev.kup.pipeline.commit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import dev.kup.pipeline.dialect.InstantColumn;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Offsets in table {@code kup_offsets} of the connection's current schema:
 *
 * <pre>
 * CREATE TABLE kup_offsets (
 *   group_id    VARCHAR(255) NOT NULL,
 *   topic       VARCHAR(255) NOT NULL,
 *   partition_no INTEGER     NOT NULL,
 *   next_offset BIGINT       NOT NULL,
 *   updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
 *   PRIMARY KEY (group_id, topic, partition_no))
 * </pre>
 *
 * DBAs who do not let services run DDL create it themselves with exactly this shape. Names are
 * rendered unquoted, so each database folds them its own way and finds a table created with this
 * DDL: {@code kup_offsets} on PostgreSQL, {@code KUP_OFFSETS} on H2. Columns are qualified with
 * the table: jOOQ's H2 emulation of ON CONFLICT is a MERGE whose source has the same columns.
 */
public final class JooqOffsetStore implements OffsetStore {
  public static final String TABLE_NAME = "kup_offsets";
  static final Table<?> OFFSETS = table(unquotedName(TABLE_NAME));
  static final Field<String> GROUP_ID = field(unquotedName(TABLE_NAME, "group_id"), SQLDataType.VARCHAR(255).notNull());
  static final Field<String> TOPIC = field(unquotedName(TABLE_NAME, "topic"), SQLDataType.VARCHAR(255).notNull());
  static final Field<Integer> PARTITION = field(unquotedName(TABLE_NAME, "partition_no"), SQLDataType.INTEGER.notNull());
  static final Field<Long> NEXT_OFFSET = field(unquotedName(TABLE_NAME, "next_offset"), SQLDataType.BIGINT.notNull());
  static final Name UPDATED_AT = unquotedName(TABLE_NAME, "updated_at");

  private final DSLContext dsl;
  private final Field<OffsetDateTime> updatedAt;
  /**
   * The advancing UPDATE, rendered once: it runs once per batch, and building, rendering and
   * binding it through jOOQ each time (its timestamp bound as formatted text) cost a tenth of a
   * worker's time in a backlog drain. Binds: next offset, updated at, group, topic, partition,
   * expected offset.
   */
  private final String advanceSql;

  public JooqOffsetStore(DSLContext dsl) {
    this.dsl = dsl;
    this.updatedAt = InstantColumn.field(UPDATED_AT, dsl.dialect());
    this.advanceSql = dsl.render(dsl.update(OFFSETS)
        .set(NEXT_OFFSET, 0L)
        .set(updatedAt, OffsetDateTime.now(ZoneOffset.UTC))
        .where(GROUP_ID.eq(""))
        .and(TOPIC.eq(""))
        .and(PARTITION.eq(0))
        .and(NEXT_OFFSET.eq(0L)));
  }

  @Override
  public void createIfMissing() {
    dsl.createTableIfNotExists(OFFSETS)
        .columns(GROUP_ID, TOPIC, PARTITION, NEXT_OFFSET, updatedAt)
        .primaryKey(GROUP_ID, TOPIC, PARTITION)
        .execute();
  }

  @Override
  public Map<TopicPartition, Long> load(String groupId, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> stored = new HashMap<>();
    if (partitions.isEmpty()) {
      return stored;
    }
    dsl.select(TOPIC, PARTITION, NEXT_OFFSET)
        .from(OFFSETS)
        .where(GROUP_ID.eq(groupId))
        .and(TOPIC.in(partitions.stream().map(TopicPartition::topic).distinct().toList()))
        .fetch()
        .forEach(r -> {
          TopicPartition tp = new TopicPartition(r.value1(), r.value2());
          if (partitions.contains(tp)) {
            stored.put(tp, r.value3());
          }
        });
    return stored;
  }

  @Override
  public void advance(DSLContext tx, String groupId, TopicPartition partition, Long expected,
      long nextOffset) {
    int changed = expected == null
        ? insertFirst(tx, groupId, partition, nextOffset, updatedAt)
        : tx.connectionResult(connection -> {
          try (PreparedStatement update = connection.prepareStatement(advanceSql)) {
            update.setLong(1, nextOffset);
            update.setObject(2, updatedAt.getConverter().to(OffsetDateTime.now(ZoneOffset.UTC)));
            update.setString(3, groupId);
            update.setString(4, partition.topic());
            update.setInt(5, partition.partition());
            update.setLong(6, expected);
            return update.executeUpdate();
          }
        });
    if (changed != 1) {
      throw new OffsetFencedException(partition, expected);
    }
  }

  @Override
  public void moveTo(String groupId, TopicPartition partition, long expected, long nextOffset) {
    dsl.transaction(cfg -> advance(DSL.using(cfg), groupId, partition, expected, nextOffset));
  }

  /**
   * Stores a partition's first offset; 0 when another consumer stored one first. PostgreSQL
   * answers 0 itself (ON CONFLICT DO NOTHING waits for the other insert to commit); H2, whose
   * emulation is a MERGE, refuses the second insert of a concurrent pair as a duplicate key.
   */
  private static int insertFirst(DSLContext tx, String groupId, TopicPartition partition,
      long nextOffset, Field<OffsetDateTime> updatedAt) {
    try {
      return tx.insertInto(OFFSETS)
          .set(GROUP_ID, groupId)
          .set(TOPIC, partition.topic())
          .set(PARTITION, partition.partition())
          .set(NEXT_OFFSET, nextOffset)
          .set(updatedAt, OffsetDateTime.now(ZoneOffset.UTC))
          .onConflict(GROUP_ID, TOPIC, PARTITION)
          .doNothing()
          .execute();
    } catch (IntegrityConstraintViolationException e) {
      return 0;
    }
  }
}
