package dev.kup.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one run found: what results.json holds and the table shows.
 *
 * @param machine the machine
 * @param options the options as text (no password)
 * @param methods the throughput rows, in the order they ran
 * @param ratios the headline comparisons
 * @param latency the latency phase; null when it did not run
 * @param phaseSeconds wall seconds per step (dataset, publishing, each phase), for planning runs
 * @param notes warnings and facts worth keeping (query plan check, environment)
 */
public record BenchReport(MachineFacts machine, Map<String, Object> options,
    List<MethodResult> methods, Ratios ratios, LatencyReport latency,
    Map<String, Double> phaseSeconds, List<String> notes) {

  /** Whether every phase that ran verified. */
  public boolean allVerified() {
    return methods.stream().allMatch(MethodResult::verified)
        && (latency == null || latency.verified());
  }
}
