package dev.kup.pipeline.intake;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.kup.pipeline.BatchProcessor;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.BatchOutcome;
import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import dev.kup.pipeline.log.EngineEvent;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool that applies batches off the poll thread and decides, once, how each ended (a
 * {@link BatchOutcome}). Each batch is retried with backoff and jitter while its failure is
 * transient or unclassified, through the infrastructure breaker; a batch that still fails with an
 * unclassified error while the database answers a probe is applied once more by the isolating
 * processor, so a row nobody can classify never blocks its partition. Never touches the Kafka
 * consumer: outcomes wait in a queue the poll thread drains.
 */
public final class BatchWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorkers.class);

  private final ExecutorService pool;
  private final BatchProcessor processor;
  private final BatchProcessor isolating;
  private final ErrorClassifier classifier;
  private final InfrastructureBreaker breaker;
  private final Runnable databaseProbe;
  private final FailsafeExecutor<Object> failsafe;
  private final Queue<BatchOutcome> outcomes = new ConcurrentLinkedQueue<>();

  /**
   * @param processor applies batches, isolating the rows a classified failure names
   * @param isolating applies a batch that keeps failing with an unclassified error while the
   *     database is healthy: it also isolates the rows failing for unknown reasons
   */
  public BatchWorkers(int threads, BatchProcessor processor, BatchProcessor isolating,
      ErrorClassifier classifier, InfrastructureBreaker breaker, Runnable databaseProbe,
      RetryOptions retry, PipelineMetrics metrics) {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kup-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.processor = processor;
    this.isolating = isolating;
    this.classifier = classifier;
    this.breaker = breaker;
    this.databaseProbe = databaseProbe;
    this.failsafe = Failsafe.with(retryPolicy(retry, metrics), breaker.policy());
  }

  /**
   * Applies the batch on a worker and queues its outcome for {@link #nextFinished()}, whatever was
   * thrown: an {@link Error} (out of memory, stack overflow) becomes a fatal outcome, for the poll
   * loop to stop the service, instead of dying in a future nobody reads and leaving the batch in
   * flight forever. {@code finished} then runs on the worker, to wake the poll thread.
   */
  Future<?> submit(BatchClaim claim, Runnable finished) {
    return pool.submit(() -> {
      outcomes.add(outcome(claim));
      finished.run();
    });
  }

  /** The next outcome of a finished batch, in the order they finished, or null when none waits. */
  BatchOutcome nextFinished() {
    return outcomes.poll();
  }

  /** Whether an outcome waits for the poll thread. */
  boolean anyFinished() {
    return !outcomes.isEmpty();
  }

  /** Runs the poll loop's database reads on the workers, off the poll thread. */
  Executor databaseReads() {
    return pool;
  }

  /** Runs a breaker probe on a worker. */
  Future<?> probe() {
    return pool.submit(() -> breaker.probe(databaseProbe));
  }

  private BatchOutcome outcome(BatchClaim claim) {
    try {
      return (BatchOutcome) failsafe.get(() -> processor.process(claim));
    } catch (Throwable e) { // every Throwable must reach the poll loop
      Throwable error = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
      Failure failure = classify(error);
      if (failure instanceof Failure.Unclassified && databaseAnswers()) {
        LOG.warn(EngineEvent.BATCH_ISOLATING.marker(),
            "batch of partition={} offsets={}..{} keeps failing with {}"
            + " while the database answers; isolating its rows", claim.batch().partition(),
            claim.batch().firstOffset(), claim.batch().lastOffset(), error.toString());
        return isolated(claim);
      }
      return failed(claim.batch(), error, failure);
    }
  }

  private BatchOutcome isolated(BatchClaim claim) {
    try {
      return isolating.process(claim);
    } catch (Throwable e) {
      return failed(claim.batch(), e, classify(e));
    }
  }

  /** An {@link Error} is fatal whatever it is: nothing in this JVM can be trusted after it. */
  private Failure classify(Throwable error) {
    return error instanceof Error ? new Failure.Fatal(error) : classifier.classify(error);
  }

  private static BatchOutcome failed(MicroBatch batch, Throwable error, Failure failure) {
    if (failure instanceof Failure.Fatal) {
      return new BatchOutcome.Fatal(batch, error);
    } else if (failure instanceof Failure.OwnershipLost lost) {
      return lost.cause() instanceof OffsetFencedException
          ? new BatchOutcome.Fenced(batch, error) : new BatchOutcome.Revoked(batch, error);
    }
    return new BatchOutcome.Retry(batch, error);
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
          LOG.warn(EngineEvent.BATCH_RETRY.marker(), "retrying a batch, attempt={}: {}",
              e.getAttemptCount(),
              String.valueOf(e.getLastException()));
        })
        .build();
  }

  /** An {@link Error} (out of memory, stack overflow) is never retried: it stops the service. */
  private boolean retryable(Throwable error) {
    if (error instanceof Error) {
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
