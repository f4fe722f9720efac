package dev.kup.pipeline.commit;

import org.apache.kafka.common.TopicPartition;

/** Commits a partition's next offset to Kafka; implemented by the only thread owning the consumer. */
@FunctionalInterface
public interface KafkaOffsetCommitter {
  void commit(TopicPartition partition, long nextOffset);
}
