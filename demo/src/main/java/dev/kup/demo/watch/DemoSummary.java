package dev.kup.demo.watch;

import dev.kup.demo.stack.DemoDatabase;
import dev.kup.demo.stream.StreamPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a demo run did, each number from its own source: the publisher's acknowledgements, the
 * table itself (its versions count the applied updates), kup's metrics (conflicts) and the
 * dead-letter topic. {@link #problems} compares them with each other and with the plan.
 *
 * @param published records the broker acknowledged
 * @param applied updates the table took: the sum of its versions, all 0 before the run
 * @param conflicts records kup counted as conflicts (stale version or missing row)
 * @param deadLettersByReason reason → records read back from the dead-letter topic
 * @param appliedByMetrics {@code kup_records_total{outcome="applied"}}
 * @param table the table after the run
 * @param duration first publish to the last commit
 * @param metricsUrl where the service serves its metrics
 */
public record DemoSummary(
    long published,
    long applied,
    long conflicts,
    Map<String, Long> deadLettersByReason,
    long appliedByMetrics,
    DemoDatabase.Totals table,
    Duration duration,
    String metricsUrl) {

  public DemoSummary {
    deadLettersByReason = Collections.unmodifiableMap(new TreeMap<>(deadLettersByReason));
  }

  public long deadLettered() {
    return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records per second from the first publish to the last commit. */
  public double throughput() {
    double seconds = duration.toNanos() / 1e9;
    return seconds <= 0 ? 0 : published / seconds;
  }

  /** Every way the run did not add up; empty when it did. */
  public List<String> problems(StreamPlan plan, int rows) {
    List<String> problems = new ArrayList<>();
    if (published != plan.records()) {
      problems.add("published " + published + " of the " + plan.records() + " records generated");
    }
    if (applied + deadLettered() != published) {
      problems.add("applied " + applied + " + dead-lettered " + deadLettered() + " = "
          + (applied + deadLettered()) + ", not the " + published + " published");
    }
    if (applied != plan.applicable()) {
      problems.add("the table took " + applied + " updates; " + plan.applicable()
          + " of the records were applicable");
    }
    if (!new TreeMap<>(deadLettersByReason).equals(plan.deadLettersSorted())) {
      problems.add("dead letters by reason " + new TreeMap<>(deadLettersByReason)
          + "; expected " + plan.deadLettersSorted());
    }
    if (table.pointsSum() != plan.pointsAdded() || table.rows() != rows) {
      problems.add("the table holds " + table.rows() + " rows with " + table.pointsSum()
          + " points; expected " + rows + " rows with " + plan.pointsAdded());
    }
    if (appliedByMetrics != applied) {
      problems.add("kup_records_total{outcome=\"applied\"} is " + appliedByMetrics
          + ", the table took " + applied);
    }
    return problems;
  }

  /** The summary table printed at the end. */
  public String render() {
    StringBuilder out = new StringBuilder("\n  kup demo summary\n");
    row(out, "published", number(published));
    row(out, "applied", number(applied));
    row(out, "conflicts", number(conflicts));
    row(out, "dead-lettered", number(deadLettered()));
    deadLettersByReason.forEach((reason, count) -> row(out, "  " + reason, number(count)));
    row(out, "duration", String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0));
    row(out, "throughput", String.format(Locale.ROOT, "%,.0f records/s", throughput()));
    row(out, "metrics", metricsUrl);
    return out.toString();
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append(String.format(Locale.ROOT, "  %-22s %16s%n", name, value));
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
