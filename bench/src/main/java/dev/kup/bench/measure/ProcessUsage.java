package dev.kup.bench.measure;

/**
 * What a process used between two readings.
 *
 * @param cpuSeconds user + system CPU seconds between the first and the last reading
 * @param peakRssMib the highest {@code VmHWM} seen, in MiB; null when not meaningful (the
 *     benchmark's own JVM, whose memory holds the generated streams)
 * @param lastRssMib {@code VmRSS} at the last reading, in MiB; null like {@code peakRssMib}
 */
public record ProcessUsage(double cpuSeconds, Double peakRssMib, Double lastRssMib) {

  /** Nothing measured: the process could not be read. */
  public static final ProcessUsage NONE = new ProcessUsage(0, 0.0, 0.0);

  /**
   * The usage from {@code first} to {@code last}. {@code VmHWM} is the kernel's own high-water
   * mark, so the last reading holds the peak of the whole interval.
   */
  public static ProcessUsage between(ProcSnapshot first, ProcSnapshot last, ClockTicks ticks) {
    double cpu = (last.cpuTicks() - first.cpuTicks()) / (double) ticks.perSecond();
    return new ProcessUsage(cpu, Math.max(first.peakRssKib(), last.peakRssKib()) / 1024.0,
        last.rssKib() / 1024.0);
  }

  /** The same CPU time without the memory figures. */
  public ProcessUsage cpuOnly() {
    return new ProcessUsage(cpuSeconds, null, null);
  }
}
