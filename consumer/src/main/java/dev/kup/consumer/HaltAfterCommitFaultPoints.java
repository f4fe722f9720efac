package dev.kup.consumer;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.FaultPoints;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only fault: halts the JVM (no shutdown hooks, like a crash) right after the N-th batch's DB
 * commit and before its Kafka offset commit. Enabled only by the system property {@value
 * #PROPERTY}; production never sets it.
 */
final class HaltAfterCommitFaultPoints implements FaultPoints {
  static final String PROPERTY = "kup.fault.halt-after-db-commit";
  static final int EXIT_CODE = 86;

  private final int haltAfter;
  private final AtomicInteger commits = new AtomicInteger();

  HaltAfterCommitFaultPoints(int haltAfter) {
    this.haltAfter = haltAfter;
  }

  /** The fault points the system properties ask for; {@link FaultPoints#NONE} unless a test set one. */
  static FaultPoints fromSystemProperties() {
    String value = System.getProperty(PROPERTY);
    return value == null ? FaultPoints.NONE : new HaltAfterCommitFaultPoints(Integer.parseInt(value));
  }

  @Override
  public void afterDatabaseCommit(MicroBatch batch) {
    if (commits.incrementAndGet() == haltAfter) {
      System.err.println("kup: fault point " + PROPERTY + " halting after DB commit of "
          + batch.partition() + " up to offset " + batch.lastOffset());
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
