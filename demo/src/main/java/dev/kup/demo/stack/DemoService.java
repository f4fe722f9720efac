package dev.kup.demo.stack;

import dev.kup.consumer.KupService;
import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.pipeline.commit.FaultPoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real kup service, wired by its own composition root from {@code KUP_*} settings, running its
 * poll loop on a thread of the demo's JVM.
 */
public final class DemoService implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final KupService service;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoService(KupService service) {
    this.service = service;
    this.thread = new Thread(this::run, "kup-service");
  }

  /**
   * Reads the configuration from {@code settings} as the service reads its environment, connects
   * and starts the poll loop.
   *
   * @throws dev.kup.consumer.config.ConfigException for an invalid setting
   */
  public static DemoService start(Map<String, String> settings) {
    KupConfig config = KupConfig.from(ConfigSource.of(settings, Optional.empty()));
    DemoService running =
        new DemoService(KupService.create(config, FaultPoints.NONE, Clock.systemUTC()));
    running.thread.start();
    return running;
  }

  /** The port of {@code /metrics} and {@code /health}. */
  public int httpPort() {
    return service.httpPort();
  }

  /** What ended the poll loop, if it ended by a failure. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Whether the poll loop is still running. */
  public boolean running() {
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
   * Finishes and commits in-flight batches, leaves the group and closes every resource. Only the
   * first call does anything (the demo also calls it from its Ctrl-C hook).
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      service.stop(STOP_TIMEOUT);
    } finally {
      service.close();
    }
  }
}
