package dev.kup.bench.measure;

/**
 * What a process used while it was sampled.
 *
 * @param cpuSeconds user + system CPU seconds between the first and the last sample
 * @param peakRssMib the highest {@code VmHWM} seen, in MiB; null when not meaningful (the
 *     benchmark's own JVM, whose memory holds the generated streams)
 * @param lastRssMib {@code VmRSS} at the last sample, in MiB; null like {@code peakRssMib}
 * @param samples how many readings were taken
 */
public record ProcessUsage(double cpuSeconds, Double peakRssMib, Double lastRssMib, int samples) {

  /** The same CPU time without the memory figures. */
  public ProcessUsage cpuOnly() {
    return new ProcessUsage(cpuSeconds, null, null, samples);
  }
}
