package dev.kup.bench.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the machine's CPU went during one measured window: the whole machine, and each watched
 * group of processes. Seconds are core-seconds (CPU time, not wall time).
 *
 * @param wallSeconds time between the two samples that bound the window
 * @param rows rows applied in the window, the divisor of every per-row figure
 * @param machineBusyCoreSeconds busy CPU time of the whole machine (all cores)
 * @param machineCoreSeconds all CPU time of the whole machine: about cores × {@code wallSeconds}
 * @param machineBusyMicrosPerRow {@code machineBusyCoreSeconds} × 10⁶ ÷ {@code rows}
 * @param processes per group key ({@link CpuGroup#key()}), in report order; a watched group that
 *     had no visible process maps to null (a remote database, an external broker)
 */
public record CpuBudget(
    double wallSeconds,
    long rows,
    double machineBusyCoreSeconds,
    double machineCoreSeconds,
    double machineBusyMicrosPerRow,
    Map<String, GroupCpu> processes) {

  public CpuBudget {
    if (rows < 0 || wallSeconds < 0) {
      throw new IllegalArgumentException("rows and wallSeconds must not be negative, were " + rows
          + " and " + wallSeconds);
    }
    processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
  }

  /** Microseconds per row for {@code cpuSeconds}; NaN without rows. */
  public static double microsPerRow(double cpuSeconds, long rows) {
    return rows == 0 ? Double.NaN : cpuSeconds * 1e6 / rows;
  }

  /**
   * Several windows' budgets as one, as if their windows were laid end to end: wall seconds,
   * rows and CPU seconds added up, per-row figures recomputed. A group is null when it is null in
   * one of them.
   *
   * @return null when {@code budgets} is empty or holds a null
   */
  public static CpuBudget sum(List<CpuBudget> budgets) {
    if (budgets.isEmpty() || budgets.stream().anyMatch(Objects::isNull)) {
      return null;
    }
    long rows = budgets.stream().mapToLong(CpuBudget::rows).sum();
    double busy = budgets.stream().mapToDouble(CpuBudget::machineBusyCoreSeconds).sum();
    Map<String, GroupCpu> processes = new LinkedHashMap<>();
    for (String group : budgets.get(0).processes().keySet()) {
      boolean seen = budgets.stream().allMatch(b -> b.processes().get(group) != null);
      double cpu = seen ? budgets.stream().mapToDouble(b -> b.processes().get(group).cpuSeconds())
          .sum() : 0;
      processes.put(group, seen ? new GroupCpu(cpu, microsPerRow(cpu, rows)) : null);
    }
    return new CpuBudget(budgets.stream().mapToDouble(CpuBudget::wallSeconds).sum(), rows, busy,
        budgets.stream().mapToDouble(CpuBudget::machineCoreSeconds).sum(),
        microsPerRow(busy, rows), processes);
  }

  /** The CPU seconds of {@code group} in {@code budget}; null when either is missing. */
  public static Double cpuSeconds(CpuBudget budget, CpuGroup group) {
    GroupCpu cpu = budget == null ? null : budget.of(group);
    return cpu == null ? null : cpu.cpuSeconds();
  }

  /** The figures of {@code group}; null when not watched or not visible. */
  public GroupCpu of(CpuGroup group) {
    return processes.get(group.key());
  }

  /** Whether {@code group} was watched, visible or not. */
  public boolean watched(CpuGroup group) {
    return processes.containsKey(group.key());
  }

  /**
   * One group's CPU in the window.
   *
   * @param cpuSeconds user + system CPU seconds
   * @param cpuMicrosPerRow {@code cpuSeconds} × 10⁶ ÷ the window's rows
   */
  public record GroupCpu(double cpuSeconds, double cpuMicrosPerRow) {}
}
