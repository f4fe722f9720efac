package dev.kup.pipeline.validate;

import dev.kup.pipeline.failure.SelfClassifying;

/** The database does not hold what the configuration says it should: a start-up failure. */
public final class CatalogException extends RuntimeException implements SelfClassifying {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  @Override
  public Verdict verdict() {
    return Verdict.FATAL;
  }
}
