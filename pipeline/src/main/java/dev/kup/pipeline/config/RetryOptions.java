package dev.kup.pipeline.config;

import java.time.Duration;

/**
 * How transient failures are retried and when the circuit breaker stops trying.
 *
 * @param backoffInitial first delay between attempts of a batch
 * @param backoffMax longest delay between attempts (and between re-deliveries of a failed batch)
 * @param jitter random spread of each delay, as a fraction of it (0 to 1)
 * @param maxAttempts attempts of one batch before it is handed back and its partition backs off
 * @param breakerFailureThreshold consecutive transient failures that open the breaker
 * @param breakerDelay how long the breaker stays open before the database is probed
 */
public record RetryOptions(
    Duration backoffInitial,
    Duration backoffMax,
    double jitter,
    int maxAttempts,
    int breakerFailureThreshold,
    Duration breakerDelay) {

  public RetryOptions {
    if (backoffInitial.isNegative() || backoffInitial.isZero()) {
      throw new IllegalArgumentException("backoffInitial must be > 0");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "backoffMax must be >= backoffInitial");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (breakerFailureThreshold < 1) {
      throw new IllegalArgumentException("breakerFailureThreshold must be >= 1");
    }
    if (breakerDelay.isNegative() || breakerDelay.isZero()) {
      throw new IllegalArgumentException("breakerDelay must be > 0");
    }
  }

}
