package dev.kup.bench.phase;

import dev.kup.bench.BenchOptions;
import dev.kup.bench.data.Dataset;
import dev.kup.bench.data.Verification;
import dev.kup.bench.kafka.RatePublisher;
import dev.kup.bench.measure.LatencyHistogram;
import dev.kup.bench.measure.OffsetProgress;
import dev.kup.bench.method.KupProcessRun;
import dev.kup.bench.report.LatencyReport;
import dev.kup.bench.report.LatencyWindow;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 4, kup's end-to-end latency at fixed publish rates: kup (defaults, own group) follows a
 * fresh topic {@code bench-latency} on a reset table while uniform updates are published at each
 * rate in turn, after {@value BenchOptions#PROCESS_WARM_UP_SECONDS} s at the first rate that no
 * window counts (kup's JVM warming up). Per window: publish {@value BenchOptions#WARM_UP_SECONDS} s of warm-up, scrape
 * {@code /metrics}, publish the rest, wait until kup committed everything sent, scrape again; the
 * difference of {@code kup_end_to_end_latency_seconds} between the scrapes gives p50/p99. The
 * table is verified after the last window.
 */
public final class LatencyRun {

  static final String HISTOGRAM = "kup_end_to_end_latency_seconds";
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(3);

  private final BenchContext context;

  public LatencyRun(BenchContext context) {
    this.context = context;
  }

  public LatencyReport run() {
    try {
      BenchOptions options = context.options();
      int total = Math.toIntExact((long) warmUpRate() * BenchOptions.PROCESS_WARM_UP_SECONDS
          + options.latencyRates().stream()
              .mapToLong(rate -> (long) rate * options.latencySeconds()).sum());
      UpdateStream stream = context.timed("generate latency stream", () -> UpdateStream.generate(
          Dataset.tableRows(options.rows()), total, KeyDistribution.UNIFORM.sampler(options.rows()),
          options.seed() + 100));
      String topic = context.topic("bench-latency");
      context.topics().create(topic);
      context.timed("reset table", () -> { context.dataset().reset(); return null; });
      return context.timed("latency", () -> measure(stream, topic));
    } catch (RuntimeException e) {
      context.log("latency phase failed: " + e);
      return LatencyReport.failed(e);
    }
  }

  private LatencyReport measure(UpdateStream stream, String topic) throws Exception {
    String group = context.freshGroup("kup-latency");
    try (KupProcessRun kup = KupProcessRun.start(context.kupJar().path(),
            context.bootstrapServers(), context.database(), topic, group,
            context.logFile("kup-latency"), context.proc());
        OffsetProgress progress = new OffsetProgress(context.database(), group, topic);
        RatePublisher publisher = new RatePublisher(context.bootstrapServers(), topic, stream)) {
      int port = kup.metricsPort();
      kup.awaitReady(port);
      context.log(String.format("warming kup up: %,d/s for %d s, not measured", warmUpRate(),
          BenchOptions.PROCESS_WARM_UP_SECONDS));
      publisher.publish(warmUpRate(), BenchOptions.PROCESS_WARM_UP_SECONDS);
      List<LatencyWindow> windows = new ArrayList<>();
      for (int rate : context.options().latencyRates()) {
        windows.add(window(rate, kup, port, progress, publisher));
      }
      int sent = publisher.flush();
      progress.awaitCommitted(sent, CATCH_UP_TIMEOUT, kup::isAlive);
      KupProcessRun.Stopped stopped = kup.stop();
      Verification verification = context.verify(stream.prefix(sent));
      String detail = String.format("%,d records sent; exit code %d; %s", sent,
          stopped.exitCode(), verification.describe());
      context.log("latency: " + detail);
      return new LatencyReport(windows, verification.passed() && stopped.exitCode() == 0, detail,
          stopped.usage().cpuSeconds(), stopped.usage().peakRssMib());
    }
  }

  private int warmUpRate() {
    return context.options().latencyRates().get(0);
  }

  private LatencyWindow window(int rate, KupProcessRun kup, int port, OffsetProgress progress,
      RatePublisher publisher) throws Exception {
    double seconds = context.options().latencySeconds();
    context.log(String.format("publishing %,d/s for %.0f s", rate, seconds));
    RatePublisher.Sent warmUp = publisher.publish(rate, BenchOptions.WARM_UP_SECONDS);
    LatencyHistogram before = LatencyHistogram.parse(kup.scrapeMetrics(port), HISTOGRAM);
    RatePublisher.Sent rest = publisher.publish(rate, seconds - BenchOptions.WARM_UP_SECONDS);
    int sent = publisher.flush();
    boolean caughtUp =
        progress.tryAwaitCommitted(sent, CATCH_UP_TIMEOUT, kup::isAlive) != null;
    LatencyHistogram after = LatencyHistogram.parse(kup.scrapeMetrics(port), HISTOGRAM);
    LatencyHistogram window = after.minus(before);
    LatencyWindow result = new LatencyWindow(rate,
        (warmUp.records() + rest.records()) / (warmUp.seconds() + rest.seconds()),
        warmUp.records() + rest.records(), window.count(), window.quantile(0.5) * 1000,
        window.quantile(0.99) * 1000, window.maxBucketBound() * 1000, after.max() * 1000,
        caughtUp);
    context.log(String.format("rate %,d/s: achieved %,.0f/s, p50 %.1f ms, p99 %.1f ms, max <= %.0f"
            + " ms (bucket), max %.1f ms (gauge) over %,.0f records%s", rate,
        result.achievedRate(), result.p50Ms(), result.p99Ms(), result.maxBucketMs(),
        result.maxMs(), result.measured(), caughtUp ? "" : " (kup lagging)"));
    return result;
  }
}
