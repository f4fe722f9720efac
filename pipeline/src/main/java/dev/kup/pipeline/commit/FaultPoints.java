package dev.kup.pipeline.commit;

import dev.kup.pipeline.batch.MicroBatch;

/**
 * Named places where a test can make the process fail on purpose. Production wiring uses {@link
 * #NONE}; only tests (through a system property read by the consumer) enable one.
 */
public interface FaultPoints {
  FaultPoints NONE = new FaultPoints() {};

  /** Runs inside the batch's transaction, after rows and dead letters, just before the commit. */
  default void beforeDatabaseCommit(MicroBatch batch) {}

  /** Runs after the batch's DB transaction committed and before its Kafka offset commit. */
  default void afterDatabaseCommit(MicroBatch batch) {}
}
