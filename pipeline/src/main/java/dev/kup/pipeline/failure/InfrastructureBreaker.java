package dev.kup.pipeline.failure;

import dev.failsafe.CircuitBreaker;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.log.EngineEvent;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker over the infrastructure every batch needs (database, dead-letter topic).
 * It counts only transient failures: a bad row or an unclassified error never opens it. While it
 * is not closed the poll loop pauses every partition (and keeps polling, to stay in the group);
 * after the delay {@link #probe} lets one cheap check through, and a success closes it.
 * Thread-safe.
 */
public final class InfrastructureBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(InfrastructureBreaker.class);

  private final CircuitBreaker<Object> breaker;

  public InfrastructureBreaker(RetryOptions options, Predicate<Throwable> isTransient) {
    this.breaker = CircuitBreaker.builder()
        .handleIf((result, error) -> error != null && isTransient.test(error))
        .withFailureThreshold(options.breakerFailureThreshold())
        .withDelay(options.breakerDelay())
        .withSuccessThreshold(1)
        .onOpen(e -> LOG.warn(EngineEvent.BREAKER_OPEN.marker(), "circuit breaker open: pausing"
            + " all partitions until the database answers again"))
        .onHalfOpen(e -> LOG.info(EngineEvent.BREAKER_HALF_OPEN.marker(),
            "circuit breaker half-open: probing the database"))
        .onClose(e -> LOG.info(EngineEvent.BREAKER_CLOSED.marker(),
            "circuit breaker closed: resuming partitions"))
        .build();
  }

  /**
   * A breaker over the database: it counts transient failures except those of the dead-letter
   * topic, since an unwritable DLQ should hold back only the partitions that have dead letters
   * (they back off on their own), not every partition.
   */
  public static InfrastructureBreaker forDatabase(RetryOptions options, ErrorClassifier classifier) {
    return new InfrastructureBreaker(options, error -> !isOtherDependencysOutage(error)
        && classifier.classify(error) instanceof Failure.Transient);
  }

  private static boolean isOtherDependencysOutage(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SelfClassifying classified && !classified.isDatabaseOutage()) {
        return true;
      }
    }
    return false;
  }

  /** The Failsafe policy, to compose with the retry policy around a batch. */
  public CircuitBreaker<Object> policy() {
    return breaker;
  }

  /** True when batches may run: the breaker is closed. */
  public boolean isClosed() {
    return breaker.isClosed();
  }

  /** True when the delay of an open breaker has passed, so a probe should run. */
  public boolean probeDue() {
    return !breaker.isClosed() && breaker.getRemainingDelay().isZero();
  }

  /**
   * Runs {@code check} if the breaker grants a trial now, and records its result: success closes
   * the breaker, failure opens it for another delay.
   */
  public void probe(Runnable check) {
    if (!breaker.tryAcquirePermit()) {
      return;
    }
    try {
      check.run();
      breaker.recordSuccess();
    } catch (RuntimeException e) {
      LOG.warn(EngineEvent.BREAKER_PROBE_FAILED.marker(), "the database probe failed: {}",
          e.toString());
      breaker.recordFailure();
    }
  }

  /** The breaker's state now. */
  public BreakerState currentState() {
    return BreakerState.valueOf(breaker.getState().name()); // Failsafe's states, by name
  }

  /** The breaker's state for health: CLOSED, OPEN or HALF_OPEN. */
  public String state() {
    return currentState().name();
  }
}
