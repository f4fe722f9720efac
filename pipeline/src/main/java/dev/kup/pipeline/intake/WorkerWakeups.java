package dev.kup.pipeline.intake;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Lets a worker that finished a batch wake the poll thread out of {@code poll()}. Without it the
 * poll loop would see the batch only when the poll wait ran out (up to 100 ms) or a record
 * arrived, and a partition whose buffer is full, hence paused, sat idle that long after every
 * batch: in a backlog drain that held each partition to about ten batches a second.
 *
 * <p>{@link Consumer#wakeup()} is Kafka's own way to end a blocking call from another thread. It
 * is called only while the poll thread waits in {@link #poll}, but a wakeup can still land just
 * after that poll returned, and then it ends the next blocking call instead: {@link #commitSync}
 * tries once more when that happens. Every method but {@link #batchFinished} belongs to the poll
 * thread.
 */
final class WorkerWakeups<K, V> {
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<K, V> consumer;
  private volatile boolean waitingForRecords;

  WorkerWakeups(Consumer<K, V> consumer) {
    this.consumer = consumer;
  }

  /**
   * {@link Consumer#poll}, ended early by a finishing worker (or by {@link Consumer#wakeup()} from
   * anyone else: the caller decides by its own state whether to go on).
   *
   * @return the records, or none when the poll was woken
   */
  ConsumerRecords<K, V> poll(Duration wait) {
    waitingForRecords = true;
    try {
      return consumer.poll(wait);
    } catch (WakeupException e) {
      return ConsumerRecords.empty();
    } finally {
      waitingForRecords = false;
    }
  }

  /** Called by a worker after it queued its completion; thread-safe. */
  void batchFinished() {
    if (waitingForRecords) {
      consumer.wakeup();
    }
  }

  /**
   * Stops workers from waking the poll in progress: a rebalance listener runs inside {@code
   * poll()} and makes blocking calls of its own.
   */
  void holdDuringRebalance() {
    waitingForRecords = false;
  }

  /** {@link Consumer#commitSync}, once more if a worker's late wakeup ended the first try. */
  void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets, COMMIT_TIMEOUT);
    } catch (WakeupException e) {
      consumer.commitSync(offsets, COMMIT_TIMEOUT);
    }
  }
}
