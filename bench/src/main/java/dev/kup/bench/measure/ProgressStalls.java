package dev.kup.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where progress stalled, from a series of {@link OffsetSample}s in the order they were read: a
 * partition advanced at a sample when its offset is higher than at the one before (the first
 * sample is compared with offset 0). Times are the samples' observation times, so they are as
 * fine as the sampling interval. Pure.
 */
public final class ProgressStalls {

  private ProgressStalls() {}

  /** The times of the samples at which at least one of {@code partitions} advanced. */
  public static List<Instant> advances(List<OffsetSample> samples, Set<Integer> partitions) {
    List<Instant> times = new ArrayList<>();
    OffsetSample previous = null;
    for (OffsetSample sample : samples) {
      OffsetSample before = previous;
      if (partitions.stream().anyMatch(p -> sample.offset(p) > offsetIn(before, p))) {
        times.add(sample.observed());
      }
      previous = sample;
    }
    return times;
  }

  /**
   * The longest time between two consecutive advances whose second one is after {@code after}: a
   * stall that began before {@code after} counts whole. Empty with fewer than two such advances.
   */
  public static Optional<Stall> longestStall(List<Instant> advances, Instant after) {
    Stall longest = null;
    for (int i = 1; i < advances.size(); i++) {
      Stall stall = new Stall(advances.get(i - 1), advances.get(i));
      if (stall.to().isAfter(after) && (longest == null || stall.longerThan(longest))) {
        longest = stall;
      }
    }
    return Optional.ofNullable(longest);
  }

  /**
   * The longest stall of any single one of {@code partitions} after {@code after}, each partition
   * followed until its last advance (where its backlog ended), so a drained partition does not
   * count as stalled.
   */
  public static Optional<Stall> longestPartitionStall(List<OffsetSample> samples,
      Set<Integer> partitions, Instant after) {
    return partitions.stream()
        .map(p -> longestStall(advances(samples, Set.of(p)), after))
        .flatMap(Optional::stream)
        .max(Comparator.comparing(Stall::duration));
  }

  /**
   * The typical time between two batches of one partition before {@code before}: the median of
   * every partition's intervals between consecutive advances that both happened before it. NaN
   * when there is no such interval.
   */
  public static double medianBatchSeconds(List<OffsetSample> samples, Set<Integer> partitions,
      Instant before) {
    List<Double> intervals = new ArrayList<>();
    for (int partition : partitions) {
      List<Instant> times = advances(samples, Set.of(partition)).stream()
          .filter(t -> !t.isAfter(before)).toList();
      for (int i = 1; i < times.size(); i++) {
        intervals.add(new Stall(times.get(i - 1), times.get(i)).seconds());
      }
    }
    return median(intervals);
  }

  /**
   * The group's commit rate over the {@code window} that ends at the last sample at or before
   * {@code end}; the window starts no earlier than the first sample that showed progress, so a
   * consumer's start does not count as slowness. Empty when there are not two such samples.
   */
  public static Optional<Rate> rateBefore(List<OffsetSample> samples, Instant end,
      Duration window) {
    List<OffsetSample> upToEnd = samples.stream()
        .filter(s -> !s.observed().isAfter(end)).toList();
    Optional<OffsetSample> firstProgress = upToEnd.stream().filter(s -> s.committed() > 0)
        .findFirst();
    if (upToEnd.isEmpty() || firstProgress.isEmpty()) {
      return Optional.empty();
    }
    OffsetSample last = upToEnd.get(upToEnd.size() - 1);
    Instant from = last.observed().minus(window);
    OffsetSample first = upToEnd.stream().filter(s -> !s.observed().isAfter(from))
        .reduce((a, b) -> b).filter(s -> s.observed().isAfter(firstProgress.get().observed()))
        .orElse(firstProgress.get());
    if (!last.observed().isAfter(first.observed())) {
      return Optional.empty();
    }
    return Optional.of(new Rate(last.committed() - first.committed(),
        new Stall(first.observed(), last.observed()).seconds()));
  }

  /** The first sample after {@code after} at which one of {@code partitions} advanced. */
  public static Optional<Instant> firstAdvance(List<OffsetSample> samples,
      Set<Integer> partitions, Instant after) {
    return advances(samples, partitions).stream().filter(t -> t.isAfter(after)).findFirst();
  }

  private static long offsetIn(OffsetSample sample, int partition) {
    return sample == null ? 0 : sample.offset(partition);
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** A time without progress, between two advances. */
  public record Stall(Instant from, Instant to) {

    public Duration duration() {
      return Duration.between(from, to);
    }

    public double seconds() {
      return duration().toNanos() / 1e9;
    }

    boolean longerThan(Stall other) {
      return duration().compareTo(other.duration()) > 0;
    }
  }

  /**
   * Records committed over a time.
   *
   * @param records records committed in the window
   * @param seconds the window's length
   */
  public record Rate(long records, double seconds) {

    public double perSecond() {
      return records / seconds;
    }
  }
}
