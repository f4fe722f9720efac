package dev.kup.cli.publish;

import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecordParser;
import java.util.Optional;

/**
 * Accepts a line only when both the contract's parser and its published JSON Schema accept it, and
 * keys it {@code table:canonical-key}: what the consumer would accept, checked before sending.
 * Thread-safe.
 */
final class ContractLineCheck implements LineCheck {
  private final UpdateRecordParser parser;
  private final JsonSchemaCheck schema;

  ContractLineCheck(UpdateRecordParser parser, JsonSchemaCheck schema) {
    this.parser = parser;
    this.schema = schema;
  }

  @Override
  public Verdict check(byte[] line) {
    DecodedUpdate decoded = parser.parse(line);
    if (decoded instanceof DecodedUpdate.Invalid invalid) {
      return new Reject(invalid.reason().code(), invalid.message());
    }
    DecodedUpdate.Valid valid = (DecodedUpdate.Valid) decoded;
    Optional<String> violation = schema.violation(line);
    if (violation.isPresent()) {
      return new Reject(DeadLetterReason.SCHEMA_VIOLATION.code(), violation.get());
    }
    return new Send(valid.record().kafkaKey());
  }
}
