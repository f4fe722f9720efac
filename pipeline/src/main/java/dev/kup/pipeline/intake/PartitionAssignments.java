package dev.kup.pipeline.intake;

import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.log.EngineEvent;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this consumer owns, each an {@link AssignedPartition}, kept in step with the
 * group's rebalances. Before partitions are given up, their in-flight batches may finish (bounded)
 * and what the database committed is committed to Kafka synchronously. Runs on the poll thread
 * (Kafka calls the listener inside {@code poll()}); {@link #joinedGroup()} from any thread. The
 * loop's {@code takeOutcomes} hands finished batches to their partitions.
 */
final class PartitionAssignments implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionAssignments.class);

  private final Consumer<byte[], byte[]> consumer;
  private final WorkerWakeups<byte[], byte[]> wakeups;
  private final KafkaOffsetMirror kafkaOffsets;
  private final PartitionReadiness readiness;
  private final PipelineOptions options;
  private final PipelineMetrics metrics;
  private final Clock clock;
  private final Map<TopicPartition, AssignedPartition> owned = new HashMap<>();
  private final Runnable takeOutcomes;
  private final PartitionPositioner positioner;
  private volatile boolean joined;

  PartitionAssignments(Consumer<byte[], byte[]> consumer, WorkerWakeups<byte[], byte[]> wakeups,
      KafkaOffsetMirror kafkaOffsets, PartitionReadiness readiness, PipelineOptions options,
      PipelineMetrics metrics, Clock clock, Runnable takeOutcomes, PartitionPositioner positioner) {
    this.consumer = consumer;
    this.wakeups = wakeups;
    this.kafkaOffsets = kafkaOffsets;
    this.readiness = readiness;
    this.options = options;
    this.metrics = metrics;
    this.clock = clock;
    this.takeOutcomes = takeOutcomes;
    this.positioner = positioner;
  }

  Collection<AssignedPartition> all() {
    return owned.values();
  }

  /** The partition, or null when it is not (or no longer) this consumer's. */
  AssignedPartition get(TopicPartition partition) {
    return owned.get(partition);
  }

  boolean joinedGroup() {
    return joined;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    LOG.info(EngineEvent.PARTITIONS_ASSIGNED.marker(), "partitions assigned: {}", assigned);
    joined = true;
    metrics.rebalance("assigned");
    for (TopicPartition tp : assigned) {
      AssignedPartition partition = new AssignedPartition(tp, consumer, readiness, clock,
          options.batchLimits(), options.retry());
      owned.put(tp, partition);
      metrics.trackPartition(tp, partition::heldAge);
    }
    consumer.pause(assigned);
    positioner.positionPending(owned.values());
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    wakeups.holdDuringRebalance();
    LOG.info(EngineEvent.PARTITIONS_REVOKED.marker(), "partitions revoked: {}", revoked);
    metrics.rebalance("revoked");
    finish(revoked, options.shutdownTimeout());
    forget(revoked);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> lost) {
    LOG.warn(EngineEvent.PARTITIONS_LOST.marker(),
        "partitions lost: {}; in-flight batches will roll back", lost);
    metrics.rebalance("lost");
    forget(lost);
  }

  /**
   * Waits (bounded) for the in-flight batches of these partitions and takes their outcomes, so
   * what committed in the database is committed to Kafka before the partitions are given up.
   */
  void finish(Collection<TopicPartition> partitions, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    List<AssignedPartition> leaving = partitions.stream().map(owned::get)
        .filter(Objects::nonNull).toList();
    for (AssignedPartition partition : leaving) {
      partition.inFlightTask().ifPresent(task -> await(partition, task, deadline, timeout));
    }
    takeOutcomes.run();
    kafkaOffsets.commitSync(leaving);
  }

  /**
   * The consumer never resets a position by itself ({@code auto.offset.reset=none}): a partition
   * whose position left the log while it waited is positioned again from the database, where the
   * out-of-range policy applies; one kup never committed for starts at the log start.
   */
  void positionLost(InvalidOffsetException e) {
    List<TopicPartition> fromStart = e.partitions().stream().map(owned::get)
        .filter(p -> p != null && p.positionLost()).map(AssignedPartition::partition).toList();
    LOG.warn(EngineEvent.FETCH_POSITION_INVALID.marker(),
        "fetch position invalid for partitions={} newPartitionsFromLogStart={}: {}",
        e.partitions(), fromStart, e.getMessage());
    consumer.seekToBeginning(fromStart);
  }

  /** {@link #finish} for every partition, before the consumer closes. */
  void finishAll(Duration timeout) {
    finish(List.copyOf(owned.keySet()), timeout);
  }

  /** Every partition is given up: batches still running must not commit. */
  void forgetAll() {
    forget(List.copyOf(owned.keySet()));
  }

  private void await(AssignedPartition partition, Future<?> task, Instant deadline,
      Duration timeout) {
    try {
      Duration left = Duration.between(clock.instant(), deadline);
      task.get(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LOG.warn(EngineEvent.IN_FLIGHT_ABANDONED.marker(),
          "partition={}: its batch did not finish in {};"
          + " it will roll back", partition.partition(), timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the worker turns every failure into an outcome; nothing more to learn here
    }
  }

  private void forget(Collection<TopicPartition> gone) {
    for (TopicPartition tp : gone) {
      AssignedPartition partition = owned.remove(tp);
      if (partition != null) {
        partition.giveUp();
      }
      metrics.untrackPartition(tp);
    }
  }
}
