package dev.kup.pipeline.commit;

import org.apache.kafka.common.TopicPartition;

/** For tests of other packages: an offset as if the database had committed it. */
public final class CommittedOffsets {
  private CommittedOffsets() {}

  public static CommittedOffset committed(TopicPartition partition, long nextOffset) {
    return new CommittedOffset(partition, nextOffset);
  }
}
