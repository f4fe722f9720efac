package dev.kup.bench.report;

import dev.kup.bench.measure.CpuBudget;
import dev.kup.bench.measure.CpuGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the CPU budgets of a run's results as a short block for the console, one line per
 * result that has one: what each group of processes and the whole machine used in the measured
 * window. Stateless.
 */
public final class CpuBudgetLines {

  private CpuBudgetLines() {}

  /** The block, or an empty string when no result has a budget. */
  public static String render(List<MethodResult> results) {
    StringBuilder out = new StringBuilder();
    for (MethodResult r : results) {
      if (r.cpuBudget() != null) {
        out.append("  ").append(line(label(r), r.cpuBudget())).append('\n');
      }
    }
    if (out.isEmpty()) {
      return "";
    }
    return "CPU during each measured window (core-seconds, µs per row in parentheses):\n" + out
        + (watches(results, CpuGroup.POSTGRES) ? "PostgreSQL = all processes named postgres,"
            + " backends that came or went included; " : "")
        + (watches(results, CpuGroup.MARIADB) ? "MariaDB = the mariadbd process; " : "")
        + "— = no such process visible (remote database, external broker).\n";
  }

  private static boolean watches(List<MethodResult> results, CpuGroup group) {
    return results.stream().anyMatch(r -> r.cpuBudget() != null && r.cpuBudget().watched(group));
  }

  static String line(String label, CpuBudget budget) {
    List<String> parts = new ArrayList<>();
    for (CpuGroup group : CpuGroup.values()) {
      if (budget.watched(group)) {
        CpuBudget.GroupCpu cpu = budget.of(group);
        parts.add(group.label() + " " + (cpu == null ? "—"
            : seconds(cpu.cpuSeconds()) + " (" + micros(cpu.cpuMicrosPerRow()) + ")"));
      }
    }
    parts.add("machine busy " + seconds(budget.machineBusyCoreSeconds()) + " ("
        + micros(budget.machineBusyMicrosPerRow()) + ") of "
        + seconds(budget.machineCoreSeconds()));
    return String.format(Locale.ROOT, "%s, %.1f s, %,d rows: ", label, budget.wallSeconds(),
        budget.rows()) + String.join(", ", parts);
  }

  private static String label(MethodResult r) {
    String id = r.isPinned() ? r.id().substring(0, r.id().length() - Ratios.PINNED_SUFFIX.length())
        : r.id();
    String label = switch (id) {
      case Ratios.DB_LIMIT -> "DB limit 2 conns";
      case Ratios.DB_ONE_CONNECTION -> "DB limit 1 conn";
      default -> id.startsWith("kup") ? "kup " + r.keys() : id;
    };
    return r.isPinned() ? label + " [pinned]" : label;
  }

  // two decimals: a quick run's windows last a second or two
  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String micros(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : "—";
  }
}
