package dev.kup.pipeline.batch;

import dev.kup.pipeline.config.BatchLimits;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Records of one partition waiting to become a micro-batch. Not thread-safe: owned by the poll
 * thread.
 */
public final class PartitionBuffer {
  private record Pending(ConsumerRecord<byte[], byte[]> record, long bytes, Instant arrival) {}

  private final TopicPartition partition;
  private final BatchLimits limits;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long bytes;

  public PartitionBuffer(TopicPartition partition, BatchLimits limits) {
    this.partition = partition;
    this.limits = limits;
  }

  public void add(ConsumerRecord<byte[], byte[]> record, Instant arrival) {
    long size = sizeOf(record);
    pending.addLast(new Pending(record, size, arrival));
    bytes += size;
  }

  /** True when a batch should be taken now: a count or byte limit is reached, or linger expired. */
  public boolean isReady(Instant now) {
    if (pending.isEmpty()) {
      return false;
    }
    return pending.size() >= limits.maxRecords()
        || bytes >= limits.maxBytes()
        || !now.isBefore(lingerDeadline().orElseThrow());
  }

  /** When the oldest waiting record arrived, if any record waits. */
  public Optional<Instant> oldestArrival() {
    return pending.isEmpty() ? Optional.empty() : Optional.of(pending.peekFirst().arrival());
  }

  /** When the oldest waiting record's linger runs out, if any record waits. */
  public Optional<Instant> lingerDeadline() {
    return pending.isEmpty()
        ? Optional.empty()
        : Optional.of(pending.peekFirst().arrival().plus(limits.linger()));
  }

  /**
   * Removes and returns the oldest records as one batch within the limits; a single record larger
   * than the byte limit (or the in-flight bound) still forms a batch of its own, so no record can
   * block its partition by its size.
   */
  public Optional<MicroBatch> take() {
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();
    long takenBytes = 0;
    while (!pending.isEmpty() && taken.size() < limits.maxRecords()) {
      Pending next = pending.peekFirst();
      if (!taken.isEmpty() && takenBytes + next.bytes() > limits.maxBytes()) {
        break;
      }
      pending.removeFirst();
      taken.add(next.record());
      takenBytes += next.bytes();
    }
    bytes -= takenBytes;
    return Optional.of(new MicroBatch(partition, taken, takenBytes));
  }

  /** Drops everything buffered, e.g. after a seek back or a revocation. */
  public void clear() {
    pending.clear();
    bytes = 0;
  }

  public int size() {
    return pending.size();
  }

  public long bytes() {
    return bytes;
  }

  /**
   * What the record holds in memory: key, value, and each header's key and value. Headers count
   * because a producer may put most of a record there; an unbounded header would otherwise pass
   * the memory bound unseen.
   */
  private static long sizeOf(ConsumerRecord<?, ?> record) {
    long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
    for (Header header : record.headers()) {
      size += header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    return size;
  }
}
