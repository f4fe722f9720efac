package dev.kup.pipeline.validate;

/** A JSON value that cannot become a value of its column's type. */
public final class ValueConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ValueConversionException(String message) {
    super(message, null, false, false);
  }
}
