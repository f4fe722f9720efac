package dev.kup.pipeline.failure;

/**
 * An exception of the pipeline's own that says how it must be handled, so that the classifier
 * decides by this contract instead of knowing every stage's exception types.
 */
public interface SelfClassifying {
  /** How a failure is handled when the exception says so itself. */
  enum Verdict {
    /** The configuration or the environment: the service stops. */
    FATAL,
    /** An outage: the batch is retried, nothing is dead-lettered. */
    TRANSIENT,
    /** The partition is someone else's now: nothing to retry, isolate or dead-letter. */
    OWNERSHIP_LOST
  }

  Verdict verdict();

  /**
   * Whether an outage this reports is the database's. The circuit breaker over the database
   * counts only those: an unwritable dead-letter topic holds back only the partitions that have
   * dead letters (they back off on their own), not every partition.
   */
  default boolean isDatabaseOutage() {
    return true;
  }
}
