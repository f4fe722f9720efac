package dev.kup.consumer;

import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.pipeline.commit.FaultPoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the real service, wired by its own composition root, on a thread of the test JVM. */
final class InProcessService implements AutoCloseable {
  private final KupService service;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private InProcessService(KupService service) {
    this.service = service;
    this.thread = new Thread(this::run, "kup-under-test");
  }

  static InProcessService start(ServiceEnv env) {
    return start(env, FaultPoints.NONE);
  }

  static InProcessService start(ServiceEnv env, FaultPoints faults) {
    KupConfig config = KupConfig.from(ConfigSource.of(env.asMap(), Optional.empty()));
    InProcessService running =
        new InProcessService(KupService.create(config, faults, Clock.systemUTC()));
    running.thread.start();
    return running;
  }

  KupService service() {
    return service;
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try {
      service.run();
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  /** The failure that ended the loop, if any. */
  Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  @Override
  public void close() {
    if (!service.stop(Duration.ofSeconds(30))) {
      throw new IllegalStateException("service did not stop within 30 s");
    }
    service.close();
  }
}
