package dev.kup.bench.phase;

import dev.kup.bench.measure.OffsetProgress;
import dev.kup.bench.measure.OffsetSample;
import dev.kup.bench.measure.ProgressStalls;
import dev.kup.bench.method.AssignmentLog;
import dev.kup.bench.method.PartitionFates;
import dev.kup.bench.report.RebalanceDip;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dip of one rebalance run, from the offsets sampled until the backlog was drained (the last
 * sample) and both consumers' assignment logs. Pure.
 */
final class RebalanceFigures {

  /** The window before the second consumer starts whose rate is the reference. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(2);

  private final List<OffsetSample> samples;
  private final Instant joined;
  private final Instant drained;
  private final AssignmentLog firstLog;
  private final AssignmentLog secondLog;
  private final Set<Integer> partitions;
  private final PartitionFates fates;

  /**
   * @param samples the offsets in the order read, the last one showing the backlog drained
   * @param joined when the second consumer's process started
   */
  RebalanceFigures(List<OffsetSample> samples, Instant joined, AssignmentLog firstLog,
      AssignmentLog secondLog) {
    this.samples = List.copyOf(samples);
    this.joined = joined;
    this.drained = samples.get(samples.size() - 1).observed();
    this.firstLog = firstLog;
    this.secondLog = secondLog;
    this.partitions = samples.get(samples.size() - 1).nextOffsets().keySet();
    this.fates = PartitionFates.of(firstLog, secondLog, joined, drained);
  }

  PartitionFates fates() {
    return fates;
  }

  RebalanceDip dip(int firstExitCode, int secondExitCode) {
    Optional<ProgressStalls.Rate> before = ProgressStalls.rateBefore(samples, joined, RATE_WINDOW);
    return new RebalanceDip(committedAt(joined),
        before.map(ProgressStalls.Rate::perSecond).orElse(Double.NaN),
        before.map(ProgressStalls.Rate::seconds).orElse(Double.NaN),
        ProgressStalls.medianBatchSeconds(samples, partitions, joined),
        seconds(groupStall()), seconds(keptStall()), seconds(movedStall()),
        secondFirstBatchSeconds(),
        drain().recordsPerSecond(), fates.kept().size(), fates.moved().size(),
        fates.keptButRevoked().size(), firstExitCode, secondExitCode);
  }

  /** The longest time no partition advanced, from the second consumer's start on. */
  Optional<ProgressStalls.Stall> groupStall() {
    return ProgressStalls.longestStall(ProgressStalls.advances(samples, partitions), joined);
  }

  /** The longest time one of the partitions the first consumer kept did not advance. */
  Optional<ProgressStalls.Stall> keptStall() {
    return ProgressStalls.longestPartitionStall(samples, fates.kept(), joined);
  }

  /** The longest time one of the partitions that moved to the second consumer did not advance. */
  Optional<ProgressStalls.Stall> movedStall() {
    return ProgressStalls.longestPartitionStall(samples, fates.moved(), joined);
  }

  /**
   * Seconds from the second consumer's process start to the first sample at which a partition
   * it had been assigned advanced; NaN when it got none.
   */
  double secondFirstBatchSeconds() {
    return secondLog.events().stream()
        .filter(e -> e.change() == AssignmentLog.Change.ASSIGNED && !e.partitions().isEmpty())
        .findFirst()
        .flatMap(e -> ProgressStalls.firstAdvance(samples, e.partitions(), e.at()))
        .map(t -> secondsBetween(joined, t)).orElse(Double.NaN);
  }

  /** The whole drain, first progress → completion, as the kup phase times it. */
  OffsetProgress.Drain drain() {
    OffsetSample first = samples.stream().filter(s -> s.committed() > 0).findFirst()
        .orElseThrow();
    return new OffsetProgress.Drain(first.total(), samples.get(samples.size() - 1).total());
  }

  /**
   * Both consumers' assignment callbacks from the second one's start to the drain's end, with
   * seconds after that start: {@code first revoked [0, 1, 2] +2.31 s; second assigned …}.
   */
  String assignmentTimeline() {
    List<Callback> callbacks = new ArrayList<>();
    firstLog.between(joined, drained).forEach(e -> callbacks.add(new Callback("first", e)));
    secondLog.between(joined, drained).forEach(e -> callbacks.add(new Callback("second", e)));
    callbacks.sort(Comparator.comparing(c -> c.event().at()));
    List<String> parts = callbacks.stream().map(c -> String.format(Locale.ROOT, "%s %s %s +%.2f s",
        c.consumer(), c.event().change().label(), c.event().partitions(),
        secondsBetween(joined, c.event().at()))).toList();
    return parts.isEmpty() ? "none logged" : String.join("; ", parts);
  }

  /** The detail line: the dip's figures, where they stand in time, and the callbacks. */
  String describe(RebalanceDip dip) {
    return (dip.rebalanced() ? "" : RebalanceDip.NOT_REBALANCED + ": ")
        + String.format(Locale.ROOT, "second kup started at %,d records committed;"
            + " before it %,.0f rows/s over %.2f s, a partition's batch every %.2f s (median);"
            + " group pause %s; kept %s (revoked meanwhile %s), longest pause %s;"
            + " moved %s, longest pause %s;"
            + " second start→first batch %.2f s; drain %,.0f rows/s; callbacks: %s;"
            + " exit codes first %d, second %d%s",
        dip.committedAtJoin(), dip.rateBeforeJoin(), dip.rateBeforeJoinSeconds(),
        dip.batchSeconds(), stall(groupStall(), dip.batchSeconds()), fates.kept(),
        fates.keptButRevoked(), stall(keptStall(), dip.batchSeconds()), fates.moved(),
        stall(movedStall(), dip.batchSeconds()),
        dip.secondFirstBatchSeconds(), dip.drainRowsPerSecond(), assignmentTimeline(),
        dip.firstExitCode(), dip.secondExitCode(),
        dip.firstExitCode() == 0 && dip.secondExitCode() == 0 ? "" : " (expected 0: FAILED)");
  }

  private String stall(Optional<ProgressStalls.Stall> stall, double batchSeconds) {
    return stall.map(s -> String.format(Locale.ROOT, "%.2f s = %.1f batches (+%.2f → +%.2f s)",
        s.seconds(), s.seconds() / batchSeconds, secondsBetween(joined, s.from()),
        secondsBetween(joined, s.to()))).orElse("—");
  }

  private long committedAt(Instant at) {
    return samples.stream().filter(s -> !s.observed().isAfter(at)).reduce((a, b) -> b)
        .map(OffsetSample::committed).orElse(0L);
  }

  private static double seconds(Optional<ProgressStalls.Stall> stall) {
    return stall.map(ProgressStalls.Stall::seconds).orElse(Double.NaN);
  }

  private static double secondsBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** One consumer's assignment callback. */
  private record Callback(String consumer, AssignmentLog.Event event) {}
}
