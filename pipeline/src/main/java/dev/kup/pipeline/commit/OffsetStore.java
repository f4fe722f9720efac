package dev.kup.pipeline.commit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;

/**
 * Next offsets kept in the database, written in the same transaction as the rows they cover. The
 * database, not Kafka, decides where a partition resumes.
 */
public interface OffsetStore {
  /** Creates the offsets table when it does not exist yet. */
  void createIfMissing();

  /** The stored next offsets of those partitions that have one. */
  Map<TopicPartition, Long> load(String groupId, Collection<TopicPartition> partitions);

  /**
   * Moves the partition's stored offset from {@code expected} (null: none stored yet) to {@code
   * nextOffset} inside the caller's transaction, locking the row until it ends, so two consumers
   * can never both commit a batch from the same starting point.
   *
   * @throws OffsetFencedException when the stored offset is not {@code expected}
   */
  void advance(DSLContext transaction, String groupId, TopicPartition partition, Long expected,
      long nextOffset);

  /** {@link #load}, as offsets the database has committed (and Kafka may take). */
  default Map<TopicPartition, CommittedOffset> committed(
      String groupId, Collection<TopicPartition> partitions) {
    Map<TopicPartition, CommittedOffset> committed = new HashMap<>();
    load(groupId, partitions)
        .forEach((tp, next) -> committed.put(tp, new CommittedOffset(tp, next)));
    return committed;
  }

  /** {@link #moveTo}, returning the offset it committed. */
  default CommittedOffset jump(String groupId, TopicPartition partition, long expected,
      long nextOffset) {
    moveTo(groupId, partition, expected, nextOffset);
    return new CommittedOffset(partition, nextOffset);
  }

  /**
   * Moves the partition's stored offset from {@code expected} to {@code nextOffset} in a
   * transaction of its own: a deliberate jump no batch covers (a stored offset outside the log,
   * resumed elsewhere on purpose), so the row says where the partition really resumes.
   *
   * @throws OffsetFencedException when the stored offset is not {@code expected}
   */
  void moveTo(String groupId, TopicPartition partition, long expected, long nextOffset);
}
