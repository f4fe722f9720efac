package dev.kup.pipeline.commit;

import dev.kup.pipeline.batch.MicroBatch;

/**
 * Named places where a test can make the process fail on purpose. Production wiring uses {@link
 * #NONE}; only tests (through a system property read by the consumer) enable one.
 */
public interface FaultPoints {
  FaultPoints NONE = batch -> {};

  /** Runs after the batch's DB transaction committed and before its Kafka offset commit. */
  void afterDatabaseCommit(MicroBatch batch);
}
