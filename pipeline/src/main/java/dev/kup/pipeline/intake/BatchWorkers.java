package dev.kup.pipeline.intake;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.kup.pipeline.BatchProcessor;
import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.PartitionRevokedException;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool that applies batches off the poll thread. Each batch is retried with backoff and
 * jitter while its failure is transient or unclassified, through the infrastructure breaker; a
 * batch that still fails with an unclassified error while the database answers a probe is applied
 * once more with unclassified row isolation, so a row nobody can classify never blocks its
 * partition. Never touches the Kafka consumer: results go back through the completion callback.
 */
public final class BatchWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorkers.class);

  private final ExecutorService pool;
  private final BatchProcessor processor;
  private final ErrorClassifier classifier;
  private final InfrastructureBreaker breaker;
  private final Runnable databaseProbe;
  private final FailsafeExecutor<Object> failsafe;

  public BatchWorkers(int threads, BatchProcessor processor, ErrorClassifier classifier,
      InfrastructureBreaker breaker, Runnable databaseProbe, RetryOptions retry,
      PipelineMetrics metrics) {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kup-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.processor = processor;
    this.classifier = classifier;
    this.breaker = breaker;
    this.databaseProbe = databaseProbe;
    this.failsafe = Failsafe.with(retryPolicy(retry, metrics), breaker.policy());
  }

  /**
   * Applies the batch on a worker; {@code done} receives the completion on that worker, whatever
   * was thrown: an {@link Error} (out of memory, stack overflow) becomes the completion's error,
   * for the poll loop to stop the service, instead of dying in a future nobody reads and leaving
   * the batch in flight forever.
   */
  Future<?> submit(BatchClaim claim, Consumer<BatchCompletion> done) {
    return pool.submit(() -> done.accept(completion(claim)));
  }

  private BatchCompletion completion(BatchClaim claim) {
    try {
      return run(claim);
    } catch (Throwable e) { // every Throwable must reach the poll loop
      return new BatchCompletion(claim.batch(), null, e);
    }
  }

  /** Runs a breaker probe on a worker. */
  Future<?> probe() {
    return pool.submit(() -> breaker.probe(databaseProbe));
  }

  private BatchCompletion run(BatchClaim claim) {
    try {
      return new BatchCompletion(claim.batch(),
          failsafe.get(() -> processor.process(claim, false)), null);
    } catch (RuntimeException e) {
      Throwable error = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
      if (!lostOwnership(error) && classifier.classify(error) instanceof Failure.Unclassified
          && databaseAnswers()) {
        LOG.warn("event.code=BATCH_ISOLATING partition={} offsets={}..{}: keeps failing with {}"
            + " while the database answers; isolating its rows", claim.batch().partition(),
            claim.batch().firstOffset(), claim.batch().lastOffset(), error.toString());
        return isolated(claim);
      }
      return new BatchCompletion(claim.batch(), null, error);
    }
  }

  private BatchCompletion isolated(BatchClaim claim) {
    try {
      return new BatchCompletion(claim.batch(), processor.process(claim, true), null);
    } catch (RuntimeException e) {
      return new BatchCompletion(claim.batch(), null, e);
    }
  }

  private boolean databaseAnswers() {
    if (!breaker.isClosed()) {
      return false;
    }
    try {
      databaseProbe.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private RetryPolicy<Object> retryPolicy(RetryOptions retry, PipelineMetrics metrics) {
    return RetryPolicy.<Object>builder()
        .handleIf((result, error) -> error != null && retryable(error))
        .abortOn(CircuitBreakerOpenException.class)
        .withBackoff(retry.backoffInitial(), retry.backoffMax())
        .withJitter(retry.jitter())
        .withMaxAttempts(retry.maxAttempts())
        .onRetry(e -> {
          metrics.retried();
          LOG.warn("event.code=BATCH_RETRY attempt={} {}", e.getAttemptCount(),
              String.valueOf(e.getLastException()));
        })
        .build();
  }

  /** The partition is someone else's now: nothing to retry or isolate. */
  private static boolean lostOwnership(Throwable error) {
    return error instanceof OffsetFencedException || error instanceof PartitionRevokedException;
  }

  /** An {@link Error} (out of memory, stack overflow) is never retried: it stops the service. */
  private boolean retryable(Throwable error) {
    if (error instanceof Error || lostOwnership(error)) {
      return false;
    }
    Failure failure = classifier.classify(error);
    return failure instanceof Failure.Transient || failure instanceof Failure.Unclassified;
  }

  /** Stops accepting work and waits up to {@code timeout} for running batches. */
  void shutdown(Duration timeout) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }
}
