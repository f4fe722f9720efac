package dev.kup.pipeline.commit;

import dev.kup.pipeline.failure.SelfClassifying;
import org.apache.kafka.common.TopicPartition;

/**
 * The stored offset of a partition is not where this batch started: another consumer has
 * committed since (this one is a zombie, or lost the partition). The transaction rolls back and
 * the partition is repositioned from the stored offset.
 */
public final class OffsetFencedException extends RuntimeException implements SelfClassifying {
  private static final long serialVersionUID = 1L;

  public OffsetFencedException(TopicPartition partition, Long expected) {
    super("stored offset of " + partition + " is no longer " + (expected == null ? "absent" : expected)
        + ": another consumer committed this partition; rolling back");
  }

  @Override
  public Verdict verdict() {
    return Verdict.OWNERSHIP_LOST;
  }
}
