package dev.kup.bench.method;

import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecord;

/**
 * The four values a baseline consumer binds, taken from a decoded record of the benchmark stream.
 *
 * @param id the row
 * @param version the version the row must be at
 * @param status the new status
 * @param increment what to add to points
 */
record BenchUpdate(long id, long version, String status, long increment) {

  /**
   * @throws IllegalStateException if the record is not a valid update of the benchmark's shape
   */
  static BenchUpdate of(DecodedUpdate decoded) {
    if (!(decoded instanceof DecodedUpdate.Valid valid)) {
      throw new IllegalStateException("benchmark record did not decode: " + decoded);
    }
    UpdateRecord record = valid.record();
    return new BenchUpdate(
        ((Number) record.key().get("id")).longValue(),
        record.version(),
        (String) record.set().get("status"),
        record.increment().get("points").longValue());
  }
}
