package dev.kup.bench.report;

import java.util.List;

/**
 * The latency phase: its windows and whether the table verified after all of them.
 *
 * @param windows one per rate, in order
 * @param verified the table equalled the expected state after every sent update was applied
 * @param detail the verification's account, or the error
 * @param cpuSeconds CPU seconds of the kup process over the phase; null when unknown
 * @param peakRssMib its peak resident memory; null when unknown
 */
public record LatencyReport(List<LatencyWindow> windows, boolean verified, String detail,
    Double cpuSeconds, Double peakRssMib) {

  public LatencyReport {
    windows = List.copyOf(windows);
  }

  public static LatencyReport failed(Exception error) {
    return new LatencyReport(List.of(), false, "error: " + error, null, null);
  }
}
