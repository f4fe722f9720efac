package dev.kup.bench.phase;

import dev.kup.bench.RebalanceProtocol;
import dev.kup.bench.data.BenchStream;
import dev.kup.bench.data.Verification;
import dev.kup.bench.measure.OffsetProgress;
import dev.kup.bench.measure.OffsetSample;
import dev.kup.bench.measure.PartitionOffsets;
import dev.kup.bench.method.AssignmentLog;
import dev.kup.bench.method.KupProcessRun;
import dev.kup.bench.method.StartupTimeline;
import dev.kup.bench.report.MethodResult;
import dev.kup.bench.report.RebalanceDip;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rebalance phase: kup (defaults, a fresh group) drains the uniform backlog on a reset table;
 * once it committed a quarter, a second kup with the same group and settings starts, and the
 * group's per-partition offsets in {@code kup_offsets} are read every 100 ms until the backlog is
 * drained. Both are stopped with SIGTERM (exit 0 expected), the table is verified, and {@link
 * RebalanceFigures} reads the dip from the samples and both consumers' assignment logs. Runs once
 * per group protocol, each chosen through kup's {@code KUP_KAFKA_*} pass-through.
 */
public final class RebalancePhase {

  private final BenchContext context;

  public RebalancePhase(BenchContext context) {
    this.context = context;
  }

  public MethodResult run(RebalanceProtocol protocol) {
    String id = RebalanceDip.ID_PREFIX + protocol.label();
    String method = "kup rebalance, " + protocol.description();
    BenchStream spec = BenchStream.updates(KeyDistribution.UNIFORM);
    try {
      UpdateStream stream = context.stream(spec);
      String topic = context.backlog("bench-" + spec.name(), stream);
      context.timed("reset table", () -> { context.dataset().reset(); return null; });
      return context.timed("kup rebalance " + protocol.label(),
          () -> measure(id, method, protocol, stream, topic));
    } catch (RuntimeException e) {
      context.log(method + " failed: " + e);
      return MethodResult.failed(id, method, spec.label(), e);
    }
  }

  private MethodResult measure(String id, String method, RebalanceProtocol protocol,
      UpdateStream stream, String topic) throws Exception {
    long total = context.topics().totalEndOffset(topic);
    String group = context.freshGroup("kup-rebalance-" + protocol.label());
    try (GroupMembers members = new GroupMembers(start(protocol, topic, group, "first"));
        PartitionOffsets offsets = new PartitionOffsets(context.database(), group, topic)) {
      List<OffsetSample> samples = sampleUntilDrained(members, offsets, total,
          () -> start(protocol, topic, group, "second"));
      // a JVM stopped before it installed its shutdown hook exits 143, which would say nothing
      // about kup: when the backlog drained before the second consumer joined, wait until it did
      members.second().awaitReady(members.second().metricsPort());
      KupProcessRun.Stopped second = members.second().stop();
      KupProcessRun.Stopped first = members.first().stop();
      Verification verification = context.verify(stream);
      List<String> secondLines = Files.readAllLines(members.second().logFile());
      RebalanceFigures figures = new RebalanceFigures(samples, members.second().started(),
          AssignmentLog.parse(Files.readAllLines(members.first().logFile())),
          AssignmentLog.parse(secondLines));
      RebalanceDip dip = figures.dip(first.exitCode(), second.exitCode());
      Map<String, Double> secondStart = StartupTimeline.of(members.second().started(),
          secondLines);
      String detail = figures.describe(dip) + "; second's start: " + startupLine(secondStart)
          + "; " + verification.describe() + "; logs " + members.first().logFile() + ", "
          + members.second().logFile();
      context.log("kup rebalance " + protocol.label() + ": " + detail);
      return new MethodResult(id, method, "uniform", total, dip.drainRowsPerSecond(),
          first.usage().cpuSeconds() + second.usage().cpuSeconds(),
          higherPeak(first.usage().peakRssMib(), second.usage().peakRssMib()),
          verification.passed() && first.exitCode() == 0 && second.exitCode() == 0, detail,
          timings(dip, secondStart), null);
    }
  }

  /**
   * Reads the offsets every {@link OffsetProgress#POLL_INTERVAL} until {@code total} records are
   * committed, starting the second consumer at the first reading with a quarter of them.
   */
  private List<OffsetSample> sampleUntilDrained(GroupMembers members, PartitionOffsets offsets,
      long total, SecondStart secondStart) throws Exception {
    Instant deadline = Instant.now().plus(KupDrainPhase.timeout(total));
    List<OffsetSample> samples = new ArrayList<>();
    while (true) {
      OffsetSample sample = offsets.read();
      samples.add(sample);
      if (members.second() == null && sample.committed() >= total / 4) {
        members.join(secondStart.start());
        context.log(String.format("second kup started at %,d of %,d records committed",
            sample.committed(), total));
      }
      if (sample.committed() >= total) {
        return samples;
      }
      members.failIfOneExited(sample.committed(), total);
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("group still at " + sample.committed() + " of " + total
            + " records after " + KupDrainPhase.timeout(total));
      }
      Thread.sleep(OffsetProgress.POLL_INTERVAL.toMillis());
    }
  }

  private KupProcessRun start(RebalanceProtocol protocol, String topic, String group,
      String which) throws IOException {
    return KupProcessRun.start(context.kupJar().path(), context.bootstrapServers(),
        context.database(), topic, group,
        context.logFile("kup-rebalance-" + protocol.label() + "-" + which), context.proc(),
        protocol.kupSettings());
  }

  private static Double higherPeak(Double first, Double second) {
    return first == null || second == null ? null : Math.max(first, second);
  }

  /** The dip's figures, then where the second consumer's start went ({@code second…}). */
  private static Map<String, Number> timings(RebalanceDip dip, Map<String, Double> secondStart) {
    Map<String, Number> timings = new LinkedHashMap<>(dip.timings());
    secondStart.forEach((step, seconds) -> timings.put(
        "second" + Character.toUpperCase(step.charAt(0)) + step.substring(1), seconds));
    return timings;
  }

  /** {@code first log line 7.91 s, configured 9.02 s, …}, seconds after the process start. */
  private static String startupLine(Map<String, Double> startup) {
    List<String> steps = new ArrayList<>();
    startup.forEach((step, seconds) -> steps.add(String.format(Locale.ROOT, "%s %.2f s",
        step.replace("SecondsAfterStart", ""), seconds)));
    return String.join(", ", steps);
  }

  @FunctionalInterface
  private interface SecondStart {
    KupProcessRun start() throws IOException;
  }

  /** The two consumers of the group; the second is null until it starts. Closing kills both. */
  static final class GroupMembers implements AutoCloseable {
    private final KupProcessRun first;
    private KupProcessRun second;

    GroupMembers(KupProcessRun first) {
      this.first = first;
    }

    KupProcessRun first() {
      return first;
    }

    KupProcessRun second() {
      return second;
    }

    void join(KupProcessRun joining) {
      second = joining;
    }

    void failIfOneExited(long committed, long total) {
      if (!first.isAlive() || (second != null && !second.isAlive())) {
        throw new IllegalStateException(String.format("a consumer died at %,d of %,d records:"
            + " first %s, second %s", committed, total, state(first), state(second)));
      }
    }

    private static String state(KupProcessRun kup) {
      return kup == null ? "not started" : (kup.isAlive() ? "running" : "exited") + " (log "
          + kup.logFile() + ")";
    }

    @Override
    public void close() {
      if (second != null) {
        second.close();
      }
      first.close();
    }
  }
}
