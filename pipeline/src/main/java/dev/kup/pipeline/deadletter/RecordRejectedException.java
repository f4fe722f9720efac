package dev.kup.pipeline.deadletter;

import dev.kup.schemas.DeadLetterReason;

/**
 * Stands for a refusal that no exception caused (malformed input, unknown column, version
 * conflict), so that every dead letter carries an exception class and message like Spring Kafka's.
 */
public final class RecordRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final DeadLetterReason reason;

  public RecordRejectedException(DeadLetterReason reason, String message) {
    super(reason.code() + ": " + message, null, false, false);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
