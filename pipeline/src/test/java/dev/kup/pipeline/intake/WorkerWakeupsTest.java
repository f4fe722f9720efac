package dev.kup.pipeline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

class WorkerWakeupsTest {
  /** A safety bound for a test that would otherwise hang; the waits it ends are minutes long. */
  private static final long BOUND_SECONDS = 30;
  private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS =
      Map.of(new TopicPartition("updates", 0), new OffsetAndMetadata(42));

  private final IdleConsumer consumer = new IdleConsumer();
  private final WorkerWakeups<byte[], byte[]> wakeups = new WorkerWakeups<>(consumer);

  @Test
  void aWorkerFinishingWhileThePollWaitsEndsTheWait() throws Exception {
    CompletableFuture<ConsumerRecords<byte[], byte[]>> poll = pollInBackground(Duration.ofMinutes(10));

    wakeups.batchFinished();

    assertThat(poll.get(BOUND_SECONDS, TimeUnit.SECONDS).isEmpty()).isTrue();
    assertThat(consumer.wakeups.get()).isEqualTo(1);
  }

  @Test
  void aWorkerFinishingOutsideAPollLeavesTheNextBlockingCallAlone() {
    wakeups.batchFinished();

    assertThat(consumer.wakeups.get()).isZero();
    assertThat(wakeups.poll(Duration.ofMillis(1)).isEmpty()).isTrue();
  }

  @Test
  void aRebalanceListenerInsidePollIsNotWoken() throws Exception {
    CompletableFuture<ConsumerRecords<byte[], byte[]>> poll = pollInBackground(Duration.ofMillis(300));

    wakeups.holdDuringRebalance();
    wakeups.batchFinished();

    poll.get(BOUND_SECONDS, TimeUnit.SECONDS);
    assertThat(consumer.wakeups.get()).isZero();
  }

  @Test
  void aLateWakeupThatEndsACommitIsSpentAndTheCommitTriedAgain() {
    consumer.wakeup(); // landed just after a poll returned

    wakeups.commitSync(OFFSETS);

    assertThat(consumer.commitAttempts.get()).isEqualTo(2);
    assertThat(consumer.commits).containsExactly(OFFSETS);
  }

  /** Starts a poll on another thread, as the poll loop would be, and returns once it waits. */
  private CompletableFuture<ConsumerRecords<byte[], byte[]>> pollInBackground(Duration wait)
      throws InterruptedException {
    CompletableFuture<ConsumerRecords<byte[], byte[]>> poll =
        CompletableFuture.supplyAsync(() -> wakeups.poll(wait));
    assertThat(consumer.polling.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    return poll;
  }

  /**
   * Behaves as {@code KafkaConsumer} does with nothing to fetch: {@code poll} blocks until its
   * timeout or a wakeup, and a pending wakeup ends the next blocking call with {@link
   * WakeupException}.
   */
  private static final class IdleConsumer extends MockConsumer<byte[], byte[]> {
    final CountDownLatch polling = new CountDownLatch(1);
    final AtomicInteger wakeups = new AtomicInteger();
    final AtomicInteger commitAttempts = new AtomicInteger();
    final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    private final Semaphore pendingWakeup = new Semaphore(0);

    IdleConsumer() {
      super("earliest");
    }

    @Override
    public void wakeup() {
      wakeups.incrementAndGet();
      pendingWakeup.release();
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      polling.countDown();
      try {
        if (pendingWakeup.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
          throw new WakeupException();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ConsumerRecords.empty();
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
      commitAttempts.incrementAndGet();
      if (pendingWakeup.tryAcquire()) {
        throw new WakeupException();
      }
      commits.add(offsets);
    }
  }
}
