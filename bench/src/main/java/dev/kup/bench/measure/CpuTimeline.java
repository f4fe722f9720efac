package dev.kup.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The samples a {@link CpuBudgetSampler} took, oldest first, and what they say about a window.
 * Immutable; pure.
 *
 * @param samples oldest first
 * @param watched the groups to report
 * @param ticks the unit of every count in the samples
 */
public record CpuTimeline(List<CpuSample> samples, Set<CpuGroup> watched, ClockTicks ticks) {

  public CpuTimeline {
    samples = List.copyOf(samples);
    watched = Set.copyOf(watched);
  }

  /**
   * The samples from the one nearest to {@code from} to the one nearest to {@code to}, at least
   * two when there are two: a window measured elsewhere (by kup's own clock, say) is cut at the
   * nearest samples, so each end may be off by half the sampling interval.
   */
  public CpuTimeline between(Instant from, Instant to) {
    if (samples.size() < 2) {
      return this;
    }
    int start = nearest(from);
    int end = Math.max(nearest(to), start);
    if (end == start) {
      start = end == samples.size() - 1 ? start - 1 : start;
      end = start + 1;
    }
    return new CpuTimeline(samples.subList(start, end + 1), watched, ticks);
  }

  /**
   * What each group and the machine used from the first sample to the last.
   *
   * @param rows rows applied in that window
   * @return null with fewer than two samples
   */
  public CpuBudget budget(long rows) {
    if (samples.size() < 2) {
      return null;
    }
    CpuSample first = samples.get(0);
    CpuSample last = samples.get(samples.size() - 1);
    double busy = seconds(last.machine().busyTicks() - first.machine().busyTicks());
    double total = seconds(last.machine().totalTicks() - first.machine().totalTicks());
    Map<String, CpuBudget.GroupCpu> processes = new LinkedHashMap<>();
    for (CpuGroup group : CpuGroup.values()) {
      if (watched.contains(group)) {
        processes.put(group.key(), groupCpu(group, rows));
      }
    }
    double wall = Duration.between(first.at(), last.at()).toNanos() / 1e9;
    return new CpuBudget(wall, rows, busy, total, CpuBudget.microsPerRow(busy, rows), processes);
  }

  private CpuBudget.GroupCpu groupCpu(CpuGroup group, long rows) {
    OptionalLong used = GroupTicks.between(
        samples.stream().map(sample -> sample.of(group)).toList(), group.countsReapedChildren());
    if (used.isEmpty()) {
      return null;
    }
    double cpu = seconds(used.getAsLong());
    return new CpuBudget.GroupCpu(cpu, CpuBudget.microsPerRow(cpu, rows));
  }

  private int nearest(Instant instant) {
    int best = 0;
    for (int i = 1; i < samples.size(); i++) {
      if (distance(samples.get(i), instant) < distance(samples.get(best), instant)) {
        best = i;
      }
    }
    return best;
  }

  private static long distance(CpuSample sample, Instant instant) {
    return Math.abs(Duration.between(sample.at(), instant).toNanos());
  }

  private double seconds(long ticksUsed) {
    return ticksUsed / (double) ticks.perSecond();
  }
}
