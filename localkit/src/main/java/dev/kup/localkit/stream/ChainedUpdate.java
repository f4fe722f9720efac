package dev.kup.localkit.stream;

import dev.kup.schemas.RecordKeys;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;

/**
 * One generated change, as the contract in {@code schemas} writes it: row {@code id} of {@code
 * table}, applied only at {@code version}, adds {@code points} to column {@code points} and sets
 * column {@code status}; or, for an insert, an {@code op: upsert} without a version of a row that
 * does not exist yet, which kup inserts at version 1 with {@code points} as its points. Immutable.
 *
 * @param table the table
 * @param id the row's {@value TableRows#KEY_COLUMN}
 * @param version the version the row must be at; 0 for an insert (the record carries none)
 * @param points added to {@code points}; never 0, so an update applied twice shows
 * @param status the new {@code status}
 * @param insert whether this is the upsert that inserts the row
 */
public record ChainedUpdate(
    String table, long id, long version, long points, String status, boolean insert) {

  /** An update of an existing row. */
  public ChainedUpdate(String table, long id, long version, long points, String status) {
    this(table, id, version, points, status, false);
  }

  /** The contract record. */
  public UpdateRecord record() {
    UpdateRecord record = insert
        ? UpdateRecord.upsert(table, TableRows.key(id))
        : UpdateRecord.update(table, TableRows.key(id), version);
    return record.set("status", status).increment("points", points);
  }

  /** The Kafka key it is sent with: {@code table:canonical key}. */
  public String kafkaKey() {
    return RecordKeys.kafkaKey(table, TableRows.key(id));
  }

  /** The Kafka value: the record's JSON, UTF-8. */
  public byte[] json() {
    return UpdateRecordJson.toJson(record());
  }
}
