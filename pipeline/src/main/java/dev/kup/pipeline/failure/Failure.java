package dev.kup.pipeline.failure;

import dev.kup.schemas.DeadLetterReason;
import java.util.Objects;

/** What an exception means for the pipeline; decided by {@link ErrorClassifier}. */
public sealed interface Failure {
  /** The exception the verdict is about: the most specific one found in the chain. */
  Throwable cause();

  /** Infrastructure trouble (connection loss, serialization failure, ...): retry the batch. */
  record Transient(Throwable cause) implements Failure {
    public Transient {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** One record or row is bad and will stay bad: isolate it and dead-letter it. */
  record Poison(Throwable cause, DeadLetterReason reason, String sqlState) implements Failure {
    public Poison {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Nothing the classifier knows: retried like a transient failure, and when it keeps failing
   * while the database is otherwise healthy, its rows are isolated and those that fail on their
   * own are dead-lettered (reason {@code APPLY_FAILED}).
   */
  record Unclassified(Throwable cause) implements Failure {
    public Unclassified {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * The partition is no longer this consumer's (revoked, or another consumer committed it): the
   * batch rolled back and belongs to the new owner; never retried or isolated here.
   */
  record OwnershipLost(Throwable cause) implements Failure {
    public OwnershipLost {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** Misconfiguration (auth, missing table, syntax): stop with a clear message. */
  record Fatal(Throwable cause) implements Failure {
    public Fatal {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
