package dev.kup.cli.publish;

import dev.kup.schemas.UpdateRecordParser;

/** Decides, for one input line, whether to send it and with which Kafka key. */
public interface LineCheck {

  /** The check {@code kup publish} makes by default: the parser's rules and the JSON Schema. */
  static LineCheck contract() {
    return new ContractLineCheck(new UpdateRecordParser(), JsonSchemaCheck.load());
  }

  /** {@code --no-validate}: every line is sent, keyed when its table and key allow it. */
  static LineCheck unchecked() {
    return new UncheckedLineCheck(new UpdateRecordParser());
  }

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
