package dev.kup.bench.phase;

import dev.kup.bench.data.BenchStream;
import dev.kup.bench.data.Verification;
import dev.kup.bench.measure.CpuBudget;
import dev.kup.bench.measure.CpuBudgetSampler;
import dev.kup.bench.measure.CpuGroup;
import dev.kup.bench.measure.CpuTimeline;
import dev.kup.bench.measure.OffsetProgress;
import dev.kup.bench.measure.WatchedProcesses;
import dev.kup.bench.method.KupProcessRun;
import dev.kup.bench.method.StartupTimeline;
import dev.kup.bench.report.MethodResult;
import dev.kup.bench.report.Ratios;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase 2, kup draining a backlog with default settings: the packaged consumer in a child JVM on
 * the stream's topic with a fresh group, on a freshly reset table. rows/s are timed by kup's own
 * offset claims in {@code kup_offsets} (first progress seen → completion); the time from process
 * start is reported beside. Stopped with SIGTERM (exit 0 expected), then verified, the rows a
 * stream of upserts inserted included.
 */
public final class KupDrainPhase {

  private final BenchContext context;

  public KupDrainPhase(BenchContext context) {
    this.context = context;
  }

  public MethodResult run(BenchStream spec) {
    String id = id(spec);
    String method = "kup backlog drain, defaults";
    try {
      UpdateStream stream = context.stream(spec);
      String topic = context.backlog("bench-" + spec.name(), stream);
      context.timed("reset table", () -> { context.dataset().reset(); return null; });
      return context.timed("kup drain " + spec.label(), () -> drain(id, method, spec, stream,
          topic));
    } catch (RuntimeException e) {
      context.log(method + " (" + spec.label() + ") failed: " + e);
      return MethodResult.failed(id, method, spec.label(), e);
    }
  }

  /** The result's id, as {@link Ratios} compares it. */
  static String id(BenchStream spec) {
    if (spec.insertShare() > 0) {
      return Ratios.KUP_UPSERTS;
    }
    return spec.keys() == KeyDistribution.UNIFORM ? Ratios.KUP_UNIFORM : Ratios.KUP_ZIPF;
  }

  private MethodResult drain(String id, String method, BenchStream spec,
      UpdateStream stream, String topic) throws Exception {
    long total = context.topics().totalEndOffset(topic);
    String group = context.freshGroup("kup-" + spec.name());
    try (KupProcessRun kup = KupProcessRun.start(context.kupJar().path(),
            context.bootstrapServers(), context.database(), topic, group,
            context.logFile("kup-" + spec.name()), context.proc());
        CpuBudgetSampler cpu = CpuBudgetSampler.start(WatchedProcesses.drain(
            CpuGroup.server(context.database().engine()), ProcessHandle.current().pid(),
            kup.pid(), context.brokerPid()), context.proc());
        OffsetProgress progress = new OffsetProgress(context.database(), group, topic)) {
      OffsetProgress.Drain drain = progress.awaitCommitted(total, timeout(total), kup::isAlive);
      CpuBudget budget = budget(cpu.stop(), drain);
      KupProcessRun.Stopped stopped = kup.stop();
      Verification verification = context.verify(stream);
      Map<String, Double> startup = StartupTimeline.of(kup.started(),
          Files.readAllLines(kup.logFile()));
      String detail = detail(kup.started(), drain, stopped, verification, kup, startup);
      context.log("kup " + spec.label() + ": " + detail);
      return new MethodResult(id, method, spec.label(), total, drain.recordsPerSecond(),
          stopped.usage().cpuSeconds(), stopped.usage().peakRssMib(),
          verification.passed() && stopped.exitCode() == 0, detail,
          timings(kup.started(), drain, stopped, startup), budget);
    }
  }

  /**
   * The CPU budget of the rate's window. The sampler ran from kup's start to completion and the
   * window's ends are kup's offset claims, which fall between samples: it is cut at the nearest
   * samples, each end within half a sampling interval of the rate's.
   */
  private static CpuBudget budget(CpuTimeline sampled, OffsetProgress.Drain drain) {
    return sampled.between(drain.windowStart(), drain.windowEnd()).budget(drain.records());
  }

  private static String detail(Instant started, OffsetProgress.Drain drain,
      KupProcessRun.Stopped stopped, Verification verification, KupProcessRun kup,
      Map<String, Double> startup) {
    double fromStart = secondsBetween(started, drain.done().observed());
    return String.format("start: %s, first progress %.2f s;"
            + " first→last offset claim %.2f s (%,d records after first progress);"
            + " process start→drained %.2f s (%,.0f rows/s); exit code %d%s; %s; log %s",
        startupLine(startup), secondsBetween(started, drain.first().observed()),
        drain.seconds(), drain.done().committed() - drain.first().committed(), fromStart,
        drain.done().committed() / fromStart, stopped.exitCode(),
        stopped.exitCode() == 0 ? "" : " (expected 0: FAILED)", verification.describe(),
        kup.logFile());
  }

  /** {@code first log line 0.91 s, configured 2.31 s, …}, seconds after the process start. */
  private static String startupLine(Map<String, Double> startup) {
    StringBuilder line = new StringBuilder();
    startup.forEach((step, seconds) -> line.append(line.length() == 0 ? "" : ", ")
        .append(step.replace("SecondsAfterStart", "")).append(' ')
        .append(String.format(java.util.Locale.ROOT, "%.2f s", seconds)));
    return line.toString();
  }

  private static Map<String, Number> timings(Instant started, OffsetProgress.Drain drain,
      KupProcessRun.Stopped stopped, Map<String, Double> startup) {
    Map<String, Number> timings = new LinkedHashMap<>(startup);
    timings.put("firstProgressSecondsAfterStart", secondsBetween(started,
        drain.first().observed()));
    timings.put("drainedSecondsAfterStart", secondsBetween(started, drain.done().observed()));
    timings.put("recordsAtFirstProgress", drain.first().committed());
    timings.put("firstToLastClaimSeconds", drain.seconds());
    timings.put("rowsPerSecondFromStart",
        drain.done().committed() / secondsBetween(started, drain.done().observed()));
    timings.put("exitCode", stopped.exitCode());
    timings.put("lastRssMib", stopped.usage().lastRssMib());
    return timings;
  }

  private static double secondsBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** Generous: two minutes plus 2 ms per record, so only a stuck consumer times out. */
  static Duration timeout(long records) {
    return Duration.ofMinutes(2).plusMillis(2 * records);
  }
}
