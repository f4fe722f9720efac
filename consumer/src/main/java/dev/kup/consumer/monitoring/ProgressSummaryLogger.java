package dev.kup.consumer.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code KUP_LOG_SUMMARY_SECONDS}, one INFO line with the rates since the last one, so that
 * per-batch lines can stay at DEBUG at high throughput.
 */
public final class ProgressSummaryLogger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressSummaryLogger.class);

  private final MeterRegistry registry;
  private final Duration interval;
  private final IntSupplier pausedPartitions;
  private final Supplier<String> breakerState;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kup-summary");
    t.setDaemon(true);
    return t;
  });
  private double lastRecords;
  private double lastApplied;
  private double lastDeadLettered;
  private double lastBatches;

  public ProgressSummaryLogger(MeterRegistry registry, Duration interval,
      IntSupplier pausedPartitions, Supplier<String> breakerState) {
    this.registry = registry;
    this.interval = interval;
    this.pausedPartitions = pausedPartitions;
    this.breakerState = breakerState;
  }

  public void start() {
    timer.scheduleAtFixedRate(this::log, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void log() {
    double records = sum("kup.records", null);
    double applied = sum("kup.records", "applied");
    double deadLettered = sum("kup.dead.letters", null);
    double batches = sum("batch.update", null);
    double seconds = interval.toMillis() / 1000.0;
    LOG.info(ServiceEvent.PROGRESS_SUMMARY.marker(), "progress: recordsPerSecond={}"
            + " appliedPerSecond={}"
            + " deadLettersPerSecond={} batchesPerSecond={} totalRecords={} pausedPartitions={}"
            + " breaker={}", rate(records - lastRecords, seconds), rate(applied - lastApplied, seconds),
        rate(deadLettered - lastDeadLettered, seconds), rate(batches - lastBatches, seconds),
        (long) records, pausedPartitions.getAsInt(), breakerState.get());
    lastRecords = records;
    lastApplied = applied;
    lastDeadLettered = deadLettered;
    lastBatches = batches;
  }

  private double sum(String name, String outcome) {
    return registry.find(name).counters().stream()
        .filter(c -> outcome == null || outcome.equals(c.getId().getTag("outcome")))
        .mapToDouble(Counter::count).sum();
  }

  private static String rate(double delta, double seconds) {
    return String.format("%.1f", delta / seconds);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
