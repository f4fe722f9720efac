package dev.kup.pipeline.config;

import java.time.Duration;

/**
 * When a partition's micro-batch is closed: whichever limit is reached first.
 *
 * @param maxRecords records per batch (one batch = one DB transaction)
 * @param maxBytes key, value and header bytes per batch (a larger record is a batch alone)
 * @param linger how long the first record of a batch may wait for more
 * @param maxInFlightBytes record bytes (key, value, headers) held in memory (buffered and in
 *     flight, all partitions) at which fetching pauses until batches commit
 */
public record BatchLimits(int maxRecords, long maxBytes, Duration linger, long maxInFlightBytes) {
  public static final int DEFAULT_MAX_RECORDS = 1000;
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);
  public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024;

  public BatchLimits {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("KUP_BATCH_MAX_RECORDS must be >= 1, got " + maxRecords);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("KUP_BATCH_MAX_BYTES must be >= 1, got " + maxBytes);
    }
    if (linger == null || linger.isNegative()) {
      throw new IllegalArgumentException("KUP_BATCH_LINGER_MS must be >= 0, got " + linger);
    }
    if (maxInFlightBytes < maxBytes) {
      throw new IllegalArgumentException(
          "KUP_MAX_IN_FLIGHT_BYTES must be >= KUP_BATCH_MAX_BYTES, got " + maxInFlightBytes);
    }
  }

  public BatchLimits(int maxRecords, long maxBytes, Duration linger) {
    this(maxRecords, maxBytes, linger, Math.max(DEFAULT_MAX_IN_FLIGHT_BYTES, maxBytes));
  }

  public static BatchLimits defaults() {
    return new BatchLimits(DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES, DEFAULT_LINGER);
  }
}
