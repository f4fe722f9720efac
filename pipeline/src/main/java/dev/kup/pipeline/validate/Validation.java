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

  /**
   * The record is well-formed, but its version lies outside the range of the table's version
   * column: no row can ever be at that version (in an external-version table: be given it), so it
   * is a conflict, decided without the database (binding it would narrow it into a version some
   * row may have).
   */
  record NeverMatches(TableSchema table, String message) implements Validation {
    public NeverMatches {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(message, "message");
    }
  }
}
