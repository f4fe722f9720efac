package dev.kup.pipeline.batch;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A run of consecutive records of one partition that is applied in one DB transaction.
 *
 * @param partition where the records come from
 * @param records at least one record, in offset order, without gaps other than the log's own
 * @param bytes key, value and header bytes of all records
 */
public record MicroBatch(
    TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, long bytes) {

  public MicroBatch {
    Objects.requireNonNull(partition, "partition");
    records = List.copyOf(records);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a micro-batch holds at least one record");
    }
  }

  public long firstOffset() {
    return records.get(0).offset();
  }

  public long lastOffset() {
    return records.get(records.size() - 1).offset();
  }

  /** The offset a consumer resumes from once this batch is committed. */
  public long nextOffset() {
    return lastOffset() + 1;
  }

  public int size() {
    return records.size();
  }
}
