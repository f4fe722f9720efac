package dev.kup.cli.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What was read about one partition of the topic, before it is judged ({@link StuckRule}).
 *
 * @param partition the partition number
 * @param logStart the first offset still in the log
 * @param logEnd the log end as a read_committed consumer sees it (the last stable offset)
 * @param kafkaCommitted the group's offset committed to Kafka (a mirror that can trail the
 *     stored one); empty when the group committed none
 * @param stored the offset stored in {@code kup_offsets}
 * @param oldestWaitingAt the timestamp of the first waiting record, read only when the judgement
 *     needs it ({@link StuckRule#needsOldestWaitingRecord}); empty otherwise or when unread
 */
record PartitionFacts(
    int partition,
    long logStart,
    long logEnd,
    OptionalLong kafkaCommitted,
    StoredOffset stored,
    Optional<Instant> oldestWaitingAt) {

  PartitionFacts {
    Objects.requireNonNull(kafkaCommitted, "kafkaCommitted");
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(oldestWaitingAt, "oldestWaitingAt");
  }

  /** Facts read from Kafka only: stored offset unknown, no record timestamp. */
  static PartitionFacts ofKafka(int partition, long logStart, long logEnd, OptionalLong committed) {
    return new PartitionFacts(partition, logStart, logEnd, committed, new StoredOffset.Unknown(),
        Optional.empty());
  }

  PartitionFacts withStored(StoredOffset offset) {
    return new PartitionFacts(partition, logStart, logEnd, kafkaCommitted, offset, oldestWaitingAt);
  }

  PartitionFacts withOldestWaitingAt(Instant timestamp) {
    return new PartitionFacts(partition, logStart, logEnd, kafkaCommitted, stored,
        Optional.of(timestamp));
  }

  /**
   * The consumer's position: the stored offset when known (kup's truth), else Kafka's committed
   * offset; empty when neither says one.
   */
  OptionalLong position() {
    if (stored instanceof StoredOffset.Committed committed) {
      return OptionalLong.of(committed.nextOffset());
    }
    return kafkaCommitted;
  }

  /** Records between the position (the log start when there is none) and the log end; never negative. */
  long lag() {
    return Math.max(0, logEnd - position().orElse(logStart));
  }

  /** The offset of the first record waiting: the position, or the log start if that lies past it. */
  long firstWaitingOffset() {
    return Math.max(logStart, position().orElse(logStart));
  }

  /**
   * Tells whether kup never committed the partition: the database has no row for it, or, without a
   * database, Kafka has no committed offset either.
   */
  boolean neverCommitted() {
    if (stored instanceof StoredOffset.Unknown) {
      return kafkaCommitted.isEmpty();
    }
    return stored instanceof StoredOffset.Missing;
  }
}
