package dev.kup.bench;

import dev.kup.bench.measure.CorePinning;
import dev.kup.bench.data.BenchStream;
import dev.kup.bench.data.DatabaseEngine;
import dev.kup.bench.measure.LinuxProc;
import dev.kup.bench.phase.BaselinesPhase;
import dev.kup.bench.phase.BenchContext;
import dev.kup.bench.phase.DbLimitPhase;
import dev.kup.bench.phase.KupDrainPhase;
import dev.kup.bench.phase.MariaDbLimitPhase;
import dev.kup.bench.phase.LatencyRun;
import dev.kup.bench.phase.RebalancePhase;
import dev.kup.bench.report.BenchReport;
import dev.kup.bench.report.LatencyReport;
import dev.kup.bench.report.MachineFacts;
import dev.kup.bench.report.MethodResult;
import dev.kup.bench.report.Ratios;
import dev.kup.bench.report.ResultsJson;
import dev.kup.bench.report.ResultsTable;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.pipeline.config.RedactedUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kup benchmark, one run: creates the dataset, runs the chosen phases (each on a reset table,
 * each verified), prints one table on stdout (progress goes to stderr) and writes {@code
 * results.json}. Exits 0 when every phase verified, 1 when one failed, 2 on bad options. Run it
 * with {@code bench/run.sh}; options in {@link BenchOptions#USAGE}.
 */
public final class Benchmark {

  private final BenchOptions options;
  private final BenchContext context;

  private Benchmark(BenchOptions options, BenchContext context) {
    this.options = options;
    this.context = context;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    int exitCode;
    try (BenchContext context = new BenchContext(options, LinuxProc.query(), System.err, runId)) {
      exitCode = new Benchmark(options, context).run();
    }
    System.exit(exitCode);
  }

  private int run() throws Exception {
    long start = System.nanoTime();
    context.log("kup benchmark: " + options);
    warnAboutInheritedSettings();
    MachineFacts machine = MachineFacts.collect(databaseVersion());
    if (runsKup()) {
      try {
        context.kupJar();
      } catch (RuntimeException e) {
        context.log("cannot run kup: " + e.getMessage());
        return 1;
      }
    }
    context.timed("create dataset", () -> { context.dataset().create(); return null; });
    List<MethodResult> methods = new ArrayList<>();
    LatencyReport latency = runPhases(methods);
    context.stepSeconds().put("total", (System.nanoTime() - start) / 1e9);
    BenchReport report = new BenchReport(machine, optionsForReport(), methods,
        Ratios.of(methods), latency, context.stepSeconds(), context.notes());
    System.out.println();
    System.out.print(ResultsTable.render(report));
    Path json = options.outputDir().resolve("results.json");
    ResultsJson.write(report, json);
    context.log(String.format("wrote %s; the run took %.0f s", json.toAbsolutePath(),
        context.stepSeconds().get("total")));
    return report.allVerified() ? 0 : 1;
  }

  private LatencyReport runPhases(List<MethodResult> methods) throws java.io.IOException {
    if (options.cpuModes().contains(CpuMode.SHARED)) {
      methods.addAll(limitAndDrains());
    }
    if (options.cpuModes().contains(CpuMode.PINNED)) {
      context.bootstrapServers(); // the broker starts before the pinning, which then moves it
      List<Long> own = new ArrayList<>(List.of(ProcessHandle.current().pid()));
      if (context.brokerPid() != null) {
        own.add(context.brokerPid());
      }
      try (CorePinning pinning = CorePinning.pin(context.proc(), own)) {
        context.log("pinned mode: " + pinning.processes() + " processes pinned (PostgreSQL on"
            + " core 0, the benchmark and the broker on the others)");
        limitAndDrains().forEach(r -> methods.add(r.pinned()));
      }
    }
    if (options.phases().contains(Phase.BASELINES)) {
      BaselinesPhase baselines = new BaselinesPhase(context);
      methods.add(baselines.runNaive());
      methods.add(baselines.runJdbcBatch());
    }
    if (options.phases().contains(Phase.REBALANCE)) {
      RebalancePhase rebalance = new RebalancePhase(context);
      options.rebalanceProtocols().forEach(protocol -> methods.add(rebalance.run(protocol)));
    }
    return options.phases().contains(Phase.LATENCY) ? new LatencyRun(context).run() : null;
  }

  /** The database and kup phases, as chosen: the part that runs once per CPU mode. */
  private List<MethodResult> limitAndDrains() {
    List<MethodResult> results = new ArrayList<>();
    if (options.phases().contains(Phase.DB)) {
      results.addAll(context.database().engine() == DatabaseEngine.MARIADB
          ? new MariaDbLimitPhase(context).run() : new DbLimitPhase(context).run());
    }
    if (options.phases().contains(Phase.KUP)) {
      KupDrainPhase kup = new KupDrainPhase(context);
      results.add(kup.run(BenchStream.updates(KeyDistribution.UNIFORM)));
      if (options.insertShare() > 0) {
        // right after the update-only drain, so the two rates are measured side by side
        results.add(kup.run(new BenchStream(KeyDistribution.UNIFORM, options.insertShare())));
      }
      results.add(kup.run(BenchStream.updates(KeyDistribution.ZIPF)));
    }
    return results;
  }

  /** Child JVMs inherit this environment: a KUP_* setting here would change kup's defaults. */
  private void warnAboutInheritedSettings() {
    System.getenv().keySet().stream()
        .filter(k -> k.startsWith("KUP_") && !k.equals("KUP_BOOTSTRAP_SERVERS"))
        .sorted()
        .forEach(k -> context.note(k + " is set in the environment and inherited by the kup"
            + " consumer: the kup phases do not run at pure defaults"));
  }

  private Map<String, Object> optionsForReport() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("size", String.format("%,d rows, %,d updates per distribution", options.rows(),
        options.updates()));
    report.put("dbUrl", RedactedUrl.of(options.dbUrl()));
    report.put("dbUser", options.dbUser());
    report.put("rows", options.rows());
    report.put("updates", options.updates());
    report.put("naiveUpdates", options.naiveUpdates());
    report.put("insertShare", options.insertShare());
    report.put("latencyRates", options.latencyRates());
    report.put("latencySeconds", options.latencySeconds());
    report.put("warmUpSeconds", BenchOptions.WARM_UP_SECONDS);
    report.put("processWarmUpSeconds", BenchOptions.PROCESS_WARM_UP_SECONDS);
    report.put("phases", options.phases().stream().map(Phase::label).sorted().toList());
    report.put("rebalanceProtocols",
        options.rebalanceProtocols().stream().map(RebalanceProtocol::label).toList());
    report.put("cpuModes", options.cpuModes().stream().map(CpuMode::label).sorted().toList());
    if (context.database().engine() == DatabaseEngine.MARIADB) {
      report.put("dbShapes", options.dbShapes().stream().map(MariaDbShape::label).toList());
      report.put("dbRounds", options.dbRounds());
      report.put("dbGroupSizes", MariaDbLimitPhase.GROUP_SIZES);
    }
    report.put("broker", options.bootstrapServers() == null ? "own child-process KRaft broker"
        : options.bootstrapServers());
    report.put("kupJar", options.kupJar().toAbsolutePath().toString());
    report.put("kupJarSha256", kupJarSha256());
    report.put("kupHeap", dev.kup.bench.method.KupProcessRun.HEAP);
    report.put("kupJvmOptions", dev.kup.bench.method.KupProcessRun.jvmOptions());
    report.put("seed", options.seed());
    return report;
  }

  private boolean runsKup() {
    return options.phases().contains(Phase.KUP) || options.phases().contains(Phase.LATENCY)
        || options.phases().contains(Phase.REBALANCE);
  }

  private String kupJarSha256() {
    return runsKup() ? context.kupJar().sha256() : null;
  }

  /** {@code PostgreSQL 16.4}, {@code MariaDB 10.11.19-MariaDB-0+deb12u1}. */
  private String databaseVersion() {
    DatabaseEngine engine = context.database().engine();
    try (Connection connection = context.database().connectToDatabase();
        Statement sql = connection.createStatement();
        ResultSet version = sql.executeQuery(engine.versionQuery())) {
      version.next();
      return engine.label() + " " + version.getString(1);
    } catch (Exception e) {
      throw new IllegalStateException("cannot reach " + engine.label() + " at "
          + RedactedUrl.of(options.dbUrl()) + ": " + e, e);
    }
  }
}
