package dev.kup.schemas;

/**
 * Why a record went to the dead-letter topic; written as the {@link DeadLetterHeaders#REASON}
 * header as its {@link #code()}. The codes are a public contract: add, never rename.
 */
public enum DeadLetterReason {
  MALFORMED_JSON("the record value is empty, not UTF-8, not JSON, or not a JSON object"),
  SCHEMA_VIOLATION("the record value is JSON but breaks the update-record schema"),
  UNKNOWN_TABLE("the record names a table the service does not know or may not write"),
  UNKNOWN_COLUMN("the record names a column the table does not have"),
  INVALID_KEY("the record's key object does not name exactly the table's primary-key columns,"
      + " or a key value is out of its column's range or type"),
  KEY_MISMATCH("the Kafka record key is not table:canonical-key of the record value"),
  TYPE_MISMATCH("a value cannot be converted to its column's type"),
  CONSTRAINT_VIOLATION("the database rejected the write for an integrity constraint"),
  DATA_EXCEPTION("the database rejected a value (out of range, too long, invalid format)"),
  VERSION_CONFLICT("the row exists but is not at the version the record expects"),
  NOT_FOUND("no row has the record's key"),
  APPLY_FAILED("the database kept refusing this row alone, for a reason kup does not classify,"
      + " while other rows applied");

  private final String description;

  DeadLetterReason(String description) {
    this.description = description;
  }

  /** The stable code written to the dead-letter header: the constant's name. */
  public String code() {
    return name();
  }

  /** One line for an operator saying what the reason means. */
  public String description() {
    return description;
  }
}
