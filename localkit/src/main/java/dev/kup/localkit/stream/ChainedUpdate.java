package dev.kup.localkit.stream;

import dev.kup.schemas.RecordKeys;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;

/**
 * One generated update, as the contract in {@code schemas} writes it: row {@code id} of {@code
 * table}, applied only at {@code version}, adds {@code points} to column {@code points} and sets
 * column {@code status}. Immutable.
 *
 * @param table the table
 * @param id the row's {@value TableRows#KEY_COLUMN}
 * @param version the version the row must be at
 * @param points added to {@code points}; never 0, so an update applied twice shows
 * @param status the new {@code status}
 */
public record ChainedUpdate(String table, long id, long version, long points, String status) {

  /** The contract record. */
  public UpdateRecord record() {
    return UpdateRecord.update(table, TableRows.key(id), version)
        .set("status", status)
        .increment("points", points);
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
