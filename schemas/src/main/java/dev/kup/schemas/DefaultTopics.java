package dev.kup.schemas;

/**
 * The topic names kup and its CLI use when none is configured: part of the public contract, so
 * declared once here, where both the consumer's settings and the CLI can see them.
 */
public final class DefaultTopics {
  /** Where producers publish update records. */
  public static final String UPDATES = "updates";
  /** Where records that can never apply go. */
  public static final String DEAD_LETTERS = "updates.dlq";

  private DefaultTopics() {}
}
