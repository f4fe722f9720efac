package dev.kup.pipeline.intake;

import dev.kup.pipeline.failure.InfrastructureBreaker;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides which partitions fetch: none while the infrastructure breaker is not closed or the
 * records held in memory reach the bound; otherwise each partition that is not positioned, busy
 * or backing off pauses by its own state. Used on the poll thread; {@link #pausedPartitions()}
 * from any thread.
 */
final class FetchGovernor {
  private final Consumer<byte[], byte[]> consumer;
  private final InfrastructureBreaker breaker;
  private final long maxHeldBytes;
  private volatile int pausedCount;

  FetchGovernor(Consumer<byte[], byte[]> consumer, InfrastructureBreaker breaker, long maxHeldBytes) {
    this.consumer = consumer;
    this.breaker = breaker;
    this.maxHeldBytes = maxHeldBytes;
  }

  /** Pauses exactly the partitions that should not fetch now and resumes the others. */
  void reconcile(Collection<AssignedPartition> partitions, Instant now) {
    boolean pauseAll = !breaker.isClosed() || heldBytes(partitions) >= maxHeldBytes;
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    Set<TopicPartition> paused = consumer.paused();
    int count = 0;
    for (AssignedPartition partition : partitions) {
      boolean want = pauseAll || partition.wantsPause(now);
      if (want && !paused.contains(partition.partition())) {
        pause.add(partition.partition());
      } else if (!want && paused.contains(partition.partition())) {
        resume.add(partition.partition());
      }
      count += want ? 1 : 0;
    }
    consumer.pause(pause);
    consumer.resume(resume);
    pausedCount = count;
  }

  /** Partitions paused for any reason at the last reconcile; thread-safe. */
  int pausedPartitions() {
    return pausedCount;
  }

  /** Bytes of records held in memory: buffered, and in batches not yet committed. */
  private static long heldBytes(Collection<AssignedPartition> partitions) {
    long bytes = 0;
    for (AssignedPartition partition : partitions) {
      bytes += partition.heldBytes();
    }
    return bytes;
  }
}
