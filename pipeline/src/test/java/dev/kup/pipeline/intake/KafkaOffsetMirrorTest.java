package dev.kup.pipeline.intake;

import static dev.kup.pipeline.commit.CommittedOffsets.committed;
import static dev.kup.pipeline.intake.IntakeFixtures.P0;
import static dev.kup.pipeline.intake.IntakeFixtures.P1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaOffsetMirrorTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T00:00:00Z"));
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final PartitionReadiness readiness = new PartitionReadiness();
  private final AssignedPartition p0 = IntakeFixtures.assigned(P0, consumer, readiness, clock);
  private final AssignedPartition p1 = IntakeFixtures.assigned(P1, consumer, readiness, clock);
  private final List<AssignedPartition> both = List.of(p0, p1);
  private final KafkaOffsetMirror mirror = new KafkaOffsetMirror(
      consumer, new WorkerWakeups<>(consumer), new PipelineMetrics() {}, clock);

  KafkaOffsetMirrorTest() {
    consumer.assign(List.of(P0, P1));
  }

  @Test
  void commitsAtMostOncePerIntervalAndTheLatestOffsetWins() {
    p0.positionedAt(committed(P0, 10));
    mirror.commitAsyncIfDue(both);
    assertThat(kafkaCommitted()).containsEntry(P0, 10L);

    p0.positionedAt(committed(P0, 20));
    p0.positionedAt(committed(P0, 30));
    clock.advance(Duration.ofMillis(40));
    mirror.commitAsyncIfDue(both);
    assertThat(kafkaCommitted()).as("within the interval").containsEntry(P0, 10L);
    assertThat(mirror.untilNextCommit(both)).contains(Duration.ofMillis(60));

    clock.advance(Duration.ofMillis(60));
    mirror.commitAsyncIfDue(both);
    assertThat(kafkaCommitted()).containsEntry(P0, 30L);
    assertThat(mirror.untilNextCommit(both)).as("nothing due").isEmpty();
  }

  @Test
  void commitsSynchronouslyOnlyThePartitionsGivenUp() {
    p0.positionedAt(committed(P0, 10));
    mirror.commitAsyncIfDue(both);
    p0.positionedAt(committed(P0, 15));
    p1.positionedAt(committed(P1, 7));

    mirror.commitSync(List.of(p1));

    assertThat(kafkaCommitted()).containsEntry(P0, 10L).containsEntry(P1, 7L);
    assertThat(mirror.untilNextCommit(both)).as("P0's 15 still due").isPresent();
  }

  @Test
  void aPartitionWhoseOffsetDidNotMoveIsNotCommittedAgain() {
    p0.positionedAt(committed(P0, 10));
    mirror.commitSync(both);
    consumer.commitSync(Map.of(P0, new org.apache.kafka.clients.consumer.OffsetAndMetadata(3)));

    clock.advance(Duration.ofSeconds(1));
    mirror.commitAsyncIfDue(both);

    assertThat(kafkaCommitted()).as("the mirror sent nothing new").containsEntry(P0, 3L);
  }

  private Map<TopicPartition, Long> kafkaCommitted() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    consumer.committed(Set.of(P0, P1)).forEach((tp, o) -> {
      if (o != null) {
        offsets.put(tp, o.offset());
      }
    });
    return offsets;
  }
}
