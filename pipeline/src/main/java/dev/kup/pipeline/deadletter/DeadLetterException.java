package dev.kup.pipeline.deadletter;

import dev.kup.pipeline.failure.SelfClassifying;

/**
 * The dead-letter topic could not be written: the batch must not commit. Retriable when Kafka
 * says so (the broker is away, a timeout): the batch is retried like any outage. Not retriable
 * (the topic is invalid, the broker refuses the letter in every size): that is the environment or
 * the configuration, and retrying it forever would stall the partition while it looks healthy.
 */
public final class DeadLetterException extends RuntimeException implements SelfClassifying {
  private static final long serialVersionUID = 1L;
  private final boolean retriable;

  public DeadLetterException(String message, Throwable cause, boolean retriable) {
    super(message, cause);
    this.retriable = retriable;
  }

  /** A retriable failure (an outage). */
  public DeadLetterException(String message, Throwable cause) {
    this(message, cause, true);
  }

  public boolean retriable() {
    return retriable;
  }

  @Override
  public Verdict verdict() {
    return retriable ? Verdict.TRANSIENT : Verdict.FATAL;
  }

  @Override
  public boolean isDatabaseOutage() {
    return false;
  }
}
