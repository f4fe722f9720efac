package dev.kup.router;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp, and for one without a valid timestamp the partition's time (or 0
 * before the partition has one), so that no record is dropped or stops the stream for its
 * timestamp: Kafka Streams' default extractor fails the stream on a negative timestamp. Stateless.
 */
public final class RecordTimestamps implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.timestamp() >= 0) {
      return record.timestamp();
    }
    return Math.max(partitionTime, 0);
  }
}
