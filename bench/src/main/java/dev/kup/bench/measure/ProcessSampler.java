package dev.kup.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's {@code /proc} entries every 200 ms on a daemon thread, keeping the first and
 * the latest reading and the highest peak RSS, until {@link #stop()}. CPU seconds are counted from
 * the first sample, so start it right after the process starts (or before the work, for this JVM).
 * Methods may be called from any thread.
 */
public final class ProcessSampler implements AutoCloseable {

  /** How often a process is read. */
  public static final long INTERVAL_MS = 200;

  private final long pid;
  private final double ticksPerSecond;
  private final ScheduledExecutorService timer;
  private ProcSnapshot first;
  private ProcSnapshot latest;
  private long peakKib;
  private int samples;

  private ProcessSampler(long pid, double ticksPerSecond) {
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "sampler-" + pid);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Takes a first reading now and then one every {@value #INTERVAL_MS} ms. */
  public static ProcessSampler start(long pid, ClockTicks ticks) {
    ProcessSampler sampler = new ProcessSampler(pid, ticks.perSecond());
    sampler.sample();
    sampler.timer.scheduleAtFixedRate(
        sampler::sample, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    return sampler;
  }

  /** Takes a last reading (if the process is still there) and stops sampling. */
  public synchronized ProcessUsage stop() {
    timer.shutdownNow();
    sample();
    return usage();
  }

  /** The usage so far; readings stop when the process is gone. */
  public synchronized ProcessUsage usage() {
    if (first == null) {
      return new ProcessUsage(0, 0.0, 0.0, 0);
    }
    double cpu = (latest.cpuTicks() - first.cpuTicks()) / ticksPerSecond;
    return new ProcessUsage(cpu, peakKib / 1024.0, latest.rssKib() / 1024.0, samples);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private synchronized void sample() {
    try {
      Path proc = Path.of("/proc", Long.toString(pid));
      ProcSnapshot now = ProcSnapshot.parse(
          Files.readString(proc.resolve("stat")), Files.readString(proc.resolve("status")));
      if (first == null) {
        first = now;
      }
      latest = now;
      peakKib = Math.max(peakKib, now.peakRssKib());
      samples++;
    } catch (IOException | RuntimeException gone) {
      // the process exited between two readings: the last one stands
    }
  }
}
