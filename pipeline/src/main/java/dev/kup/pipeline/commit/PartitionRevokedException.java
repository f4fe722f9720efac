package dev.kup.pipeline.commit;

import dev.kup.pipeline.failure.SelfClassifying;
import org.apache.kafka.common.TopicPartition;

/** The partition was revoked while its batch was in flight: the batch rolls back uncommitted. */
public final class PartitionRevokedException extends RuntimeException implements SelfClassifying {
  private static final long serialVersionUID = 1L;

  public PartitionRevokedException(TopicPartition partition) {
    super(partition + " was revoked before its batch committed; rolled back");
  }

  @Override
  public Verdict verdict() {
    return Verdict.OWNERSHIP_LOST;
  }
}
