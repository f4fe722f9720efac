package dev.kup.pipeline.validate;

/** The database does not hold what the configuration says it should: a start-up failure. */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }
}
