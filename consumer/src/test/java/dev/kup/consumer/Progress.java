package dev.kup.consumer;

import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Waits on what a consumer group has committed to Kafka. */
final class Progress {
  private Progress() {}

  /** Waits until the group's committed offsets equal the topic's log end offsets. */
  static void awaitCaughtUp(KafkaBroker broker, String group, String topic, Duration atMost) {
    Map<TopicPartition, Long> end = broker.endOffsets(topic);
    await().atMost(atMost).pollInterval(Duration.ofMillis(250))
        .until(() -> broker.committedOffsets(group, topic).equals(end));
  }
}
