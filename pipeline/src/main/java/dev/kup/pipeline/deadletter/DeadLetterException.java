package dev.kup.pipeline.deadletter;

/** The dead-letter topic could not be written: the batch must not commit. Transient. */
public final class DeadLetterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeadLetterException(String message, Throwable cause) {
    super(message, cause);
  }
}
