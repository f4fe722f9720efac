package dev.kup.pipeline.commit;

import java.util.Collection;
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

  /** Records the partition's next offset inside the caller's transaction. */
  void save(DSLContext transaction, String groupId, TopicPartition partition, long nextOffset);
}
