package dev.kup.cli.publish;

import dev.kup.schemas.UpdateRecordParser;

/**
 * Sends every line as it is ({@code --no-validate}): keyed {@code table:canonical-key} when its
 * {@code table} and {@code key} follow the contract, whatever else is wrong, else with a null key.
 * This is how tests publish deliberately broken records. Thread-safe.
 */
final class UncheckedLineCheck implements LineCheck {
  private final UpdateRecordParser parser;

  UncheckedLineCheck(UpdateRecordParser parser) {
    this.parser = parser;
  }

  @Override
  public Verdict check(byte[] line) {
    return new Send(parser.kafkaKeyOf(line).orElse(null));
  }
}
