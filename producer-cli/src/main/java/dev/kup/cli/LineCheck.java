package dev.kup.cli;

/** Decides, for one input line, whether to send it and with which Kafka key. */
interface LineCheck {

  /** The verdict on a line; never throws. */
  Verdict check(byte[] line);

  /** What to do with a line. */
  sealed interface Verdict {}

  /**
   * Send the line.
   *
   * @param kafkaKey the record key; null when none could be computed (only without validation)
   */
  record Send(String kafkaKey) implements Verdict {}

  /**
   * Do not send the line.
   *
   * @param reason a stable code, e.g. {@code SCHEMA_VIOLATION}
   * @param message what exactly is wrong
   */
  record Reject(String reason, String message) implements Verdict {}
}
