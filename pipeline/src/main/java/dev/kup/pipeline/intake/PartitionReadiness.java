package dev.kup.pipeline.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which assigned partitions cannot make progress, and why: refused (a stored offset outside the
 * log) or stuck (records waiting with no batch committed for too long). The poll thread writes;
 * the health endpoint reads on its own thread. Thread-safe.
 */
public final class PartitionReadiness {
  /**
   * Records wait on a partition with no batch committed.
   *
   * @param since when they began to wait (after the last commit, or when the first arrived)
   * @param inFlightSince when the batch a worker holds was dispatched, or null when none is
   * @param failedDeliveries consecutive failed deliveries of the partition's batch
   */
  record Waiting(Instant since, Instant inFlightSince, int failedDeliveries) {}

  private final Map<TopicPartition, String> refused = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Waiting> waiting = new ConcurrentHashMap<>();

  void refuse(TopicPartition partition, String reason) {
    refused.put(partition, reason);
  }

  void waiting(TopicPartition partition, Waiting now) {
    if (!now.equals(waiting.get(partition))) {
      waiting.put(partition, now);
    }
  }

  void idle(TopicPartition partition) {
    waiting.remove(partition);
  }

  void forget(TopicPartition partition) {
    refused.remove(partition);
    waiting.remove(partition);
  }

  /**
   * Partition ({@code topic-partition}) → why it is not ready, in partition order: refused ones,
   * and those whose records have waited longer than {@code stuckAfter} with no batch committed.
   */
  public Map<String, String> problems(Instant now, Duration stuckAfter) {
    Map<String, String> problems = new TreeMap<>();
    refused.forEach((tp, reason) -> problems.put(tp.toString(), reason));
    waiting.forEach((tp, w) -> {
      Duration waited = Duration.between(w.since(), now);
      if (waited.compareTo(stuckAfter) > 0 && !refused.containsKey(tp)) {
        problems.put(tp.toString(), "no batch committed for " + waited.toSeconds()
            + " s while records wait (stuck-partition timeout " + stuckAfter.toSeconds()
            + " s): " + doing(w, now));
      }
    });
    return problems;
  }

  private static String doing(Waiting w, Instant now) {
    String failures = w.failedDeliveries() == 0 ? ""
        : " after " + w.failedDeliveries() + " failed deliveries";
    if (w.inFlightSince() != null) {
      return "a batch has been in flight for "
          + Duration.between(w.inFlightSince(), now).toSeconds() + " s" + failures;
    }
    return w.failedDeliveries() > 0 ? "backing off" + failures : "records wait to be dispatched";
  }
}
