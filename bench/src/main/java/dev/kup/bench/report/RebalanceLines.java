package dev.kup.bench.report;

import java.util.Locale;

/**
 * Renders the {@code rebalance} results as a block for the console, one line per group
 * protocol. Stateless.
 */
public final class RebalanceLines {

  private RebalanceLines() {}

  /** The block, or an empty string when no rebalance ran. */
  public static String render(java.util.List<MethodResult> results) {
    StringBuilder out = new StringBuilder();
    for (MethodResult r : results) {
      if (r.id().startsWith(RebalanceDip.ID_PREFIX)) {
        out.append("  ").append(line(r)).append('\n');
      }
    }
    if (out.isEmpty()) {
      return "";
    }
    return "rebalance: a 2nd kup (same group, same settings) starts once ¼ of the uniform backlog"
        + " is committed; pauses from its process start to drained, sampled every 100 ms;\n"
        + "batches = pause ÷ median time between two batches of one partition before it started;"
        + " kept = partitions the 1st kup owned before and after:\n" + out;
  }

  static String line(MethodResult r) {
    String protocol = r.id().substring(RebalanceDip.ID_PREFIX.length());
    RebalanceDip dip = RebalanceDip.of(r.timings());
    if (dip == null) {
      return protocol + ": " + r.detail();
    }
    return String.format(Locale.ROOT, "%s: before join %,.0f rows/s (%.1f s); group pause %.2f s"
            + " (%.1f batches of %.2f s); kept partitions (%d, %d revoked meanwhile) pause %s;"
            + " moved partitions (%d) pause %s; 2nd start→first batch %.2f s; drain %,.0f rows/s; exit %d/%d;"
            + " verified %s",
        protocol, dip.rateBeforeJoin(), dip.rateBeforeJoinSeconds(), dip.groupPauseSeconds(),
        dip.groupPauseBatches(), dip.batchSeconds(), dip.partitionsKept(),
        dip.partitionsKeptButRevoked(), pause(dip.keptPauseSeconds(), dip.keptPauseBatches()),
        dip.partitionsMoved(), pause(dip.movedPauseSeconds(), dip.movedPauseBatches()),
        dip.secondFirstBatchSeconds(), dip.drainRowsPerSecond(), dip.firstExitCode(),
        dip.secondExitCode(), r.verified() ? "yes" : "FAILED")
        + (dip.rebalanced() ? "" : "\n    " + RebalanceDip.NOT_REBALANCED);
  }

  private static String pause(double seconds, double batches) {
    return Double.isFinite(seconds)
        ? String.format(Locale.ROOT, "%.2f s (%.1f batches)", seconds, batches)
        : "—";
  }
}
