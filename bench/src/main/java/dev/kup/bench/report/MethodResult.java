package dev.kup.bench.report;

import dev.kup.bench.measure.CpuBudget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured way of applying a stream: a row of the results table.
 *
 * @param id stable id used for ratios and in results.json ({@code db-2conn}, {@code kup}, …)
 * @param method what ran, for people
 * @param keys the key distribution ({@code uniform}, {@code zipf})
 * @param updates updates applied
 * @param measuredRowsPerSecond what was measured, whether or not the table verified
 * @param cpuSeconds CPU seconds of the measured process; null when unknown
 * @param peakRssMib peak resident memory in MiB; null when not meaningful
 * @param verified whether the final table equalled the expected state exactly
 * @param detail how it was timed, the verification's account, or the error
 * @param timings the raw numbers behind the rate (seconds, record counts, exit code), by name
 * @param cpuBudget where the machine's CPU went during the measured window; null when not
 *     measured (the baselines, a failed phase, no {@code /proc})
 */
public record MethodResult(
    String id,
    String method,
    String keys,
    long updates,
    double measuredRowsPerSecond,
    Double cpuSeconds,
    Double peakRssMib,
    boolean verified,
    String detail,
    Map<String, Number> timings,
    CpuBudget cpuBudget) {

  public MethodResult {
    timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
  }

  /** A phase that did not finish: nothing measured, not verified. */
  public static MethodResult failed(String id, String method, String keys, Exception error) {
    return new MethodResult(id, method, keys, 0, Double.NaN, null, null, false,
        "error: " + error, Map.of(), null);
  }

  /** The same result, measured with PostgreSQL pinned to core 0 and the rest to the others. */
  public MethodResult pinned() {
    return new MethodResult(id + Ratios.PINNED_SUFFIX, method + " [pinned]", keys, updates,
        measuredRowsPerSecond, cpuSeconds, peakRssMib, verified, detail, timings, cpuBudget);
  }

  /** Whether it was measured with PostgreSQL pinned to core 0. */
  public boolean isPinned() {
    return id.endsWith(Ratios.PINNED_SUFFIX);
  }

  /** The rows per second that count: null unless the table verified. */
  public Double rowsPerSecond() {
    return verified && Double.isFinite(measuredRowsPerSecond) ? measuredRowsPerSecond : null;
  }
}
