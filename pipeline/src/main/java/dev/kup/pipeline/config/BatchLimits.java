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
  public BatchLimits {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
    }
    if (linger == null || linger.isNegative()) {
      throw new IllegalArgumentException("linger must be >= 0, got " + linger);
    }
    if (maxInFlightBytes < maxBytes) {
      throw new IllegalArgumentException(
          "maxInFlightBytes must be >= maxBytes, got " + maxInFlightBytes);
    }
  }

}
