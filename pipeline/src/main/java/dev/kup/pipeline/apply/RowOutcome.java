package dev.kup.pipeline.apply;

import dev.kup.schemas.DeadLetterReason;
import java.util.Objects;

/** What the database said about one row change. Every update count becomes one of these. */
public sealed interface RowOutcome {

  /** The change was written (1 row). */
  record Applied() implements RowOutcome {}

  /** The row exists but its version is not the expected one. */
  record Conflict(long expectedVersion, long actualVersion) implements RowOutcome {}

  /** The row does not exist (and the operation does not create it). */
  record NotFound(long expectedVersion) implements RowOutcome {}

  /**
   * External versions: the change is not newer than the row, or than the tombstone of a deleted
   * row, so it was not written. Replays, duplicates and late events end here, never as dead
   * letters.
   *
   * @param version the change's version
   */
  record Stale(long version) implements RowOutcome {}

  /** The database refused this row on its own (SQLSTATE class 22 or 23). */
  record Rejected(DeadLetterReason reason, String sqlState, Throwable cause)
      implements RowOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(cause, "cause");
    }
  }

  RowOutcome APPLIED = new Applied();
}
