package dev.kup.cli.status;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code kup_offsets} says of one partition of the group: kup's own truth of where the
 * consumer stands, written in the same transaction as the rows.
 */
sealed interface StoredOffset {

  /** No database was given, so the stored offset is not known. */
  record Unknown() implements StoredOffset {}

  /** The database was read and holds no row for the partition: kup never committed it. */
  record Missing() implements StoredOffset {}

  /**
   * The partition's row.
   *
   * @param nextOffset the offset of the next record to apply
   * @param updatedAt when the consumer last committed a batch of the partition (its clock)
   */
  record Committed(long nextOffset, Instant updatedAt) implements StoredOffset {
    public Committed {
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }
}
