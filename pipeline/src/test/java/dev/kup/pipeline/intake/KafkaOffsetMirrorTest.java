package dev.kup.pipeline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaOffsetMirrorTest {
  private static final TopicPartition P0 = new TopicPartition("updates", 0);
  private static final TopicPartition P1 = new TopicPartition("updates", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final KafkaOffsetMirror mirror = new KafkaOffsetMirror(
      consumer, new WorkerWakeups<>(consumer), new PipelineMetrics() {}, nanos::get);

  KafkaOffsetMirrorTest() {
    consumer.assign(List.of(P0, P1));
  }

  @Test
  void commitsAtMostOncePerIntervalAndTheLatestOffsetWins() {
    mirror.accept(P0, 10);
    mirror.commitAsyncIfDue();
    assertThat(committed()).containsEntry(P0, 10L);

    mirror.accept(P0, 20);
    mirror.accept(P0, 30);
    nanos.addAndGet(Duration.ofMillis(40).toNanos());
    mirror.commitAsyncIfDue();
    assertThat(committed()).as("within the interval").containsEntry(P0, 10L);
    assertThat(mirror.untilNextCommit()).contains(Duration.ofMillis(60));

    nanos.addAndGet(Duration.ofMillis(60).toNanos());
    mirror.commitAsyncIfDue();
    assertThat(committed()).containsEntry(P0, 30L);
    assertThat(mirror.untilNextCommit()).as("nothing due").isEmpty();
  }

  @Test
  void commitsSynchronouslyOnlyThePartitionsGivenUp() {
    mirror.accept(P0, 10);
    mirror.commitAsyncIfDue();
    mirror.accept(P0, 15);
    mirror.accept(P1, 7);

    mirror.commitSync(List.of(P1));

    assertThat(committed()).containsEntry(P0, 10L).containsEntry(P1, 7L);
    assertThat(mirror.untilNextCommit()).as("P0's 15 still due").isPresent();
  }

  @Test
  void forgetsWhatWasDueForPartitionsNoLongerOwned() {
    mirror.accept(P0, 10);
    mirror.accept(P1, 7);

    mirror.forget(List.of(P0));
    mirror.commitAsyncIfDue();

    assertThat(committed()).doesNotContainKey(P0).containsEntry(P1, 7L);
  }

  private Map<TopicPartition, Long> committed() {
    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
    consumer.committed(Set.of(P0, P1)).forEach((tp, o) -> {
      if (o != null) {
        offsets.put(tp, o.offset());
      }
    });
    return offsets;
  }
}
