package dev.kup.pipeline.commit;

import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition's next offset as the database has committed it: the only offset Kafka's copy may
 * take. Only this package creates one, from a committed transaction or from the offset store, so
 * that Kafka is never ahead of the database by construction. Immutable.
 */
public final class CommittedOffset {
  private final TopicPartition partition;
  private final long nextOffset;

  CommittedOffset(TopicPartition partition, long nextOffset) {
    this.partition = Objects.requireNonNull(partition, "partition");
    if (nextOffset < 0) {
      throw new IllegalArgumentException("nextOffset " + nextOffset + " < 0");
    }
    this.nextOffset = nextOffset;
  }

  public TopicPartition partition() {
    return partition;
  }

  public long nextOffset() {
    return nextOffset;
  }

  /**
   * This offset moved on to a consumer position past offsets that carry no update (transaction
   * markers, records of aborted transactions): a read_committed consumer never returns them, so
   * no batch will ever commit past them, and reading on from either offset finds the same.
   *
   * @param position the consumer's position, with nothing held between this offset and it
   * @return the moved offset, or this one when the position is not beyond it
   */
  public CommittedOffset pastRecordsThatNeverApply(long position) {
    return position > nextOffset ? new CommittedOffset(partition, position) : this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommittedOffset other
        && other.partition.equals(partition) && other.nextOffset == nextOffset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(partition, nextOffset);
  }

  @Override
  public String toString() {
    return partition + "@" + nextOffset;
  }
}
