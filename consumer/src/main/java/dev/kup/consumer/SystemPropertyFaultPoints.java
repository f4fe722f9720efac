package dev.kup.consumer;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.FaultPoints;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only faults, enabled only by system properties that production never sets:
 *
 * <ul>
 *   <li>{@value #HALT_AFTER_DB_COMMIT}=N halts the JVM (no shutdown hooks, like a crash) right
 *       after the N-th batch's DB commit and before its Kafka offset commit;
 *   <li>{@value #DELAY_BEFORE_DB_COMMIT}=M holds every batch M ms inside its transaction just
 *       before the commit, so tests can revoke, freeze or stop a consumer mid-batch;
 *   <li>{@value #ERROR_BEFORE_DB_COMMIT}=true throws an {@link Error} inside every batch's
 *       transaction just before the commit, as an out-of-memory error or a stack overflow would.
 * </ul>
 */
final class SystemPropertyFaultPoints implements FaultPoints {
  static final String HALT_AFTER_DB_COMMIT = "kup.fault.halt-after-db-commit";
  static final String DELAY_BEFORE_DB_COMMIT = "kup.fault.delay-before-db-commit-ms";
  static final String ERROR_BEFORE_DB_COMMIT = "kup.fault.error-before-db-commit";
  static final int HALT_EXIT_CODE = 86;

  private final int haltAfter;
  private final long delayMillis;
  private final boolean error;
  private final AtomicInteger commits = new AtomicInteger();

  SystemPropertyFaultPoints(int haltAfter, long delayMillis, boolean error) {
    this.haltAfter = haltAfter;
    this.delayMillis = delayMillis;
    this.error = error;
  }

  /** The faults the system properties ask for; {@link FaultPoints#NONE} unless a test set one. */
  static FaultPoints fromSystemProperties() {
    String halt = System.getProperty(HALT_AFTER_DB_COMMIT);
    String delay = System.getProperty(DELAY_BEFORE_DB_COMMIT);
    boolean error = Boolean.getBoolean(ERROR_BEFORE_DB_COMMIT);
    if (halt == null && delay == null && !error) {
      return FaultPoints.NONE;
    }
    return new SystemPropertyFaultPoints(halt == null ? 0 : Integer.parseInt(halt),
        delay == null ? 0 : Long.parseLong(delay), error);
  }

  @Override
  public void beforeDatabaseCommit(MicroBatch batch) {
    if (error) {
      throw new StackOverflowError("fault point " + ERROR_BEFORE_DB_COMMIT + " in the batch of "
          + batch.partition() + " at offset " + batch.firstOffset());
    }
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void afterDatabaseCommit(MicroBatch batch) {
    if (haltAfter > 0 && commits.incrementAndGet() == haltAfter) {
      System.err.println("kup: fault point " + HALT_AFTER_DB_COMMIT + " halting after DB commit of "
          + batch.partition() + " up to offset " + batch.lastOffset());
      Runtime.getRuntime().halt(HALT_EXIT_CODE);
    }
  }
}
