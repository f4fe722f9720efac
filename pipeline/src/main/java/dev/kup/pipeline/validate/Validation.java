package dev.kup.pipeline.validate;

import dev.kup.schemas.DeadLetterReason;
import java.util.Objects;

/** The verdict on one decoded record: a change to apply, or the reason it never can be. */
public sealed interface Validation {

  /** The record is well-formed against the catalog. */
  record Accepted(RowChange change) implements Validation {
    public Accepted {
      Objects.requireNonNull(change, "change");
    }
  }

  /** The record can never apply; {@code message} says exactly what is wrong. */
  record Refused(DeadLetterReason reason, String message) implements Validation {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
