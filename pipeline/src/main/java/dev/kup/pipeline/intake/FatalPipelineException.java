package dev.kup.pipeline.intake;

/** A failure no retry can fix (auth, missing table, bad SQL): the service must stop and say why. */
public final class FatalPipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FatalPipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
