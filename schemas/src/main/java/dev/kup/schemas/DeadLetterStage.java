package dev.kup.schemas;

import java.util.Locale;

/**
 * The pipeline stage at which a record was sent to the dead-letter topic; written as the {@link
 * DeadLetterHeaders#STAGE} header in its {@link #wireName() wire form}.
 */
public enum DeadLetterStage {
  /** The record value could not be decoded as JSON. */
  DESERIALIZE,
  /** The record decoded but broke the contract or does not fit the target table. */
  VALIDATE,
  /** The database refused the write with a non-transient error. */
  APPLY,
  /** The database accepted the statement but the row was not at the expected version. */
  CONFLICT,
  /**
   * The router could not turn a record of a feed kup does not control into an update record (not
   * JSON, neither an update record nor a change event, an unmapped table, a broken contract).
   */
  ROUTE;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The header value: the lower-case name, e.g. {@code "validate"}. Stable. */
  public String wireName() {
    return wireName;
  }
}
