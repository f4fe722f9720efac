package dev.kup.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a second consumer joining a group that drains a backlog cost: the figures of one {@code
 * rebalance} result, kept in its timings under these names. Pauses run from the second
 * consumer's process start to the drain's end; a pause in batches is the pause ÷ the typical time
 * between two batches of one partition before it joined.
 *
 * @param committedAtJoin records the group had committed when the second consumer started
 * @param rateBeforeJoin records per second over the window before it started
 * @param rateBeforeJoinSeconds that window's length (2 s, less when the drain was younger)
 * @param batchSeconds median time between two batches of one partition before it started
 * @param groupPauseSeconds longest time in which no partition advanced
 * @param keptPauseSeconds longest time in which one of the partitions the first consumer kept
 *     did not advance; NaN when it kept none or its log did not tell
 * @param movedPauseSeconds the same for the partitions that moved to the second consumer: the
 *     time between the first one's last batch and the second one's first, and longer
 * @param secondFirstBatchSeconds the second consumer's process start → its first committed batch
 * @param drainRowsPerSecond the whole drain's rate, first progress → last offset claim
 * @param partitionsKept partitions the first consumer owned before and after
 * @param partitionsMoved partitions that moved to the second consumer
 * @param partitionsKeptButRevoked kept partitions that were revoked in between
 * @param firstExitCode the first consumer's exit code after SIGTERM
 * @param secondExitCode the second consumer's
 */
public record RebalanceDip(long committedAtJoin, double rateBeforeJoin,
    double rateBeforeJoinSeconds, double batchSeconds, double groupPauseSeconds,
    double keptPauseSeconds, double movedPauseSeconds, double secondFirstBatchSeconds, double drainRowsPerSecond,
    int partitionsKept, int partitionsMoved, int partitionsKeptButRevoked, int firstExitCode,
    int secondExitCode) {

  /** The prefix of the rebalance results' ids; the protocol's label follows. */
  public static final String ID_PREFIX = "kup-rebalance-";

  /** Says that the pauses are not a rebalance's: it did not finish within the drain. */
  public static final String NOT_REBALANCED = "NOT REBALANCED: the backlog was drained before"
      + " the second consumer committed a batch; the pauses are not a rebalance's (a longer"
      + " backlog, --updates, gives it time)";

  /** Whether the second consumer committed a batch before the backlog was drained. */
  public boolean rebalanced() {
    return Double.isFinite(secondFirstBatchSeconds);
  }

  public double groupPauseBatches() {
    return groupPauseSeconds / batchSeconds;
  }

  public double keptPauseBatches() {
    return keptPauseSeconds / batchSeconds;
  }

  public double movedPauseBatches() {
    return movedPauseSeconds / batchSeconds;
  }

  /** The figures by name, derived ones included, for a result's timings. */
  public Map<String, Number> timings() {
    Map<String, Number> timings = new LinkedHashMap<>();
    timings.put("committedAtJoin", committedAtJoin);
    timings.put("rateBeforeJoinRowsPerSecond", rateBeforeJoin);
    timings.put("rateBeforeJoinWindowSeconds", rateBeforeJoinSeconds);
    timings.put("batchSecondsPerPartition", batchSeconds);
    timings.put("groupPauseSeconds", groupPauseSeconds);
    timings.put("groupPauseBatches", groupPauseBatches());
    timings.put("keptPartitionsPauseSeconds", keptPauseSeconds);
    timings.put("keptPartitionsPauseBatches", keptPauseBatches());
    timings.put("movedPartitionsPauseSeconds", movedPauseSeconds);
    timings.put("movedPartitionsPauseBatches", movedPauseBatches());
    timings.put("secondStartToFirstBatchSeconds", secondFirstBatchSeconds);
    timings.put("drainRowsPerSecond", drainRowsPerSecond);
    timings.put("partitionsKept", partitionsKept);
    timings.put("partitionsMoved", partitionsMoved);
    timings.put("partitionsKeptButRevoked", partitionsKeptButRevoked);
    timings.put("firstExitCode", firstExitCode);
    timings.put("secondExitCode", secondExitCode);
    return timings;
  }

  /** The figures a result's timings hold; null when it has none (the phase failed early). */
  public static RebalanceDip of(Map<String, Number> t) {
    if (!t.containsKey("groupPauseSeconds")) {
      return null;
    }
    return new RebalanceDip(t.get("committedAtJoin").longValue(),
        d(t, "rateBeforeJoinRowsPerSecond"), d(t, "rateBeforeJoinWindowSeconds"),
        d(t, "batchSecondsPerPartition"), d(t, "groupPauseSeconds"),
        d(t, "keptPartitionsPauseSeconds"), d(t, "movedPartitionsPauseSeconds"),
        d(t, "secondStartToFirstBatchSeconds"),
        d(t, "drainRowsPerSecond"), t.get("partitionsKept").intValue(),
        t.get("partitionsMoved").intValue(), t.get("partitionsKeptButRevoked").intValue(),
        t.get("firstExitCode").intValue(), t.get("secondExitCode").intValue());
  }

  private static double d(Map<String, Number> timings, String name) {
    return timings.get(name).doubleValue();
  }
}
