package dev.kup.consumer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link KupService}'s poll loop on a thread of the calling JVM, for what embeds the service
 * rather than running its jar: the demo, and the consumer's in-process tests. Keeps the failure
 * that ended the loop, if one did.
 */
public final class KupServiceThread implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final KupService service;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private KupServiceThread(KupService service, String threadName) {
    this.service = service;
    this.thread = new Thread(this::run, threadName);
  }

  /** Starts {@code service}'s poll loop on a new thread named {@code threadName}. */
  public static KupServiceThread start(KupService service, String threadName) {
    KupServiceThread running = new KupServiceThread(service, threadName);
    running.thread.start();
    return running;
  }

  public KupService service() {
    return service;
  }

  /** What ended the poll loop, if a failure did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Whether the poll loop is still running. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try {
      service.run();
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  /**
   * Finishes and commits the batches in flight, leaves the group and closes every resource. Only
   * the first call (of this and {@link #close()}) does anything; later ones return true.
   *
   * @return whether the poll loop finished within {@code timeout}
   */
  public boolean stopAndClose(Duration timeout) {
    if (closed.getAndSet(true)) {
      return true;
    }
    try {
      return service.stop(timeout);
    } finally {
      service.close();
    }
  }

  /** {@link #stopAndClose} with 30 s. */
  @Override
  public void close() {
    stopAndClose(STOP_TIMEOUT);
  }
}
