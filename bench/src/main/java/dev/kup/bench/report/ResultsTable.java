package dev.kup.bench.report;

import dev.kup.bench.BenchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link BenchReport} as one plain-text table for the console: the throughput rows, the
 * CPU budgets, the rebalance lines, the latency rows, then the ratios. Stateless.
 */
public final class ResultsTable {

  private static final String NONE = "—";

  private ResultsTable() {}

  public static String render(BenchReport report) {
    StringBuilder out = new StringBuilder();
    MachineFacts m = report.machine();
    out.append(String.format(Locale.ROOT, "kup benchmark %s — %s; nproc %d; Java %s; %s%n",
        m.timestamp(), report.options().get("size"), m.nproc(), m.javaVersion(),
        m.database()));
    out.append(throughput(report));
    String cpu = CpuBudgetLines.render(report.methods());
    out.append(cpu.isEmpty() ? "" : "\n" + cpu).append('\n');
    String rebalance = RebalanceLines.render(report.methods());
    out.append(rebalance.isEmpty() ? "" : rebalance + "\n");
    if (report.latency() != null) {
      out.append(latency(report.latency())).append('\n');
    }
    out.append(ratios(report.ratios()));
    return out.toString();
  }

  private static String throughput(BenchReport report) {
    Double dbLimit = rate(report, Ratios.DB_LIMIT);
    Double pinnedLimit = rate(report, Ratios.DB_LIMIT + Ratios.PINNED_SUFFIX);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"method", "keys", "rows/s", "ratio to DB limit", "CPU s",
        "peak RSS MiB", "verified"});
    for (MethodResult r : report.methods()) {
      Double rate = r.rowsPerSecond();
      Double limit = r.isPinned() ? pinnedLimit : dbLimit;
      rows.add(new String[] {r.method(), r.keys(), rate == null ? NONE : count(rate),
          rate == null || limit == null ? NONE : ratio(rate / limit),
          r.cpuSeconds() == null ? NONE : fixed(r.cpuSeconds(), 1),
          r.peakRssMib() == null ? NONE : fixed(r.peakRssMib(), 0),
          r.verified() ? "yes" : "FAILED"});
    }
    return grid(rows, 2)
        + "CPU s: kup = the consumer JVM over its whole life; DB limit and baselines = the"
        + " benchmark JVM while applying (client side). The database's CPU is in the block"
        + " below.\n"
        + (pinnedLimit == null ? "" : "[pinned]: PostgreSQL on core 0 only, the benchmark, the"
            + " broker and kup on the other cores; its ratio is to the pinned DB limit.\n");
  }

  private static Double rate(BenchReport report, String id) {
    return report.methods().stream().filter(r -> r.id().equals(id)).findFirst()
        .map(MethodResult::rowsPerSecond).orElse(null);
  }

  private static String latency(LatencyReport latency) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"kup latency: rate/s", "achieved/s", "measured", "p50 ms", "p99 ms",
        "max ms (bucket ≤)", "max ms (gauge)", "caught up"});
    for (LatencyWindow w : latency.windows()) {
      rows.add(new String[] {count(w.targetRate()), count(w.achievedRate()), count(w.measured()),
          fixed(w.p50Ms(), 1), fixed(w.p99Ms(), 1), fixed(w.maxBucketMs(), 0),
          fixed(w.maxMs(), 1),
          w.caughtUp() ? "yes" : "no"});
    }
    return grid(rows, 0)
        + "latency = DB commit − record timestamp; p50/p99 are linear interpolations within kup's"
        + " histogram buckets (1 ms … 30 s), after " + BenchOptions.PROCESS_WARM_UP_SECONDS
        + " s of warm-up at the first rate, first " + BenchOptions.WARM_UP_SECONDS
        + " s of each window excluded;\n"
        + "max (bucket ≤) = upper bound of the window's highest non-empty bucket; max (gauge) ="
        + " kup_end_to_end_latency_seconds_max at the window's end, Micrometer's decaying max of"
        + " ≈ the last 2 min (may include warm-up and earlier windows).\n"
        + "latency run table check: " + (latency.verified() ? "verified" : "FAILED") + " ("
        + latency.detail() + ")\n";
  }

  private static String ratios(Ratios r) {
    return "ratios: kup ÷ DB limit = " + ratio(r.kupOverDbLimit())
        + ", kup ÷ naive = " + ratio(r.kupOverNaive())
        + ", kup ÷ JDBC batch = " + ratio(r.kupOverJdbcBatch())
        + ", Zipf ÷ uniform (kup) = " + ratio(r.zipfOverUniform())
        + (r.pinnedKupOverDbLimit() == null ? ""
            : ", pinned: kup ÷ DB limit = " + ratio(r.pinnedKupOverDbLimit()))
        + (r.upsertsOverUniform() == null ? ""
            : ", upserts ÷ uniform (kup) = " + ratio(r.upsertsOverUniform())) + "\n";
  }

  private static String grid(List<String[]> rows, int leftAligned) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < row.length; c++) {
        String format = "%" + (c < leftAligned ? "-" : "") + width[c] + "s";
        cells.add(String.format(Locale.ROOT, format, row[c]));
      }
      String line = String.join(" | ", cells);
      out.append(line.stripTrailing()).append('\n');
      if (r == 0) {
        out.append("-".repeat(line.length())).append('\n');
      }
    }
    return out.toString();
  }

  private static String count(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : NONE;
  }

  private static String fixed(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value)
        : NONE;
  }

  private static String ratio(Double value) {
    return value == null || !Double.isFinite(value) ? NONE
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
