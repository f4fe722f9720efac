package dev.kup.bench.report;

/**
 * End-to-end latency at one fixed publish rate.
 *
 * @param targetRate records per second asked for
 * @param achievedRate records per second the producer sent over the whole window
 * @param sent records sent in the window
 * @param measured observations in the histogram difference (after the warm-up)
 * @param p50Ms median, linear interpolation within a histogram bucket, in ms
 * @param p99Ms 99th percentile, the same way, in ms
 * @param maxBucketMs upper bound of the highest histogram bucket with an observation in the
 *     window (after the warm-up), in ms: the window's own max is at most this
 * @param maxMs kup's {@code _max} gauge at the end of the window (Micrometer's decaying max of
 *     about the last two minutes), in ms
 * @param caughtUp whether kup had committed everything sent when the window's last scrape was taken
 */
public record LatencyWindow(
    int targetRate,
    double achievedRate,
    long sent,
    double measured,
    double p50Ms,
    double p99Ms,
    double maxBucketMs,
    double maxMs,
    boolean caughtUp) {}
