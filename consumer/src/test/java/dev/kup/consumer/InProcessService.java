package dev.kup.consumer;

import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.pipeline.commit.FaultPoints;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Runs the real service, wired by its own composition root, on a thread of the test JVM. */
public final class InProcessService implements AutoCloseable {
  private final KupServiceThread running;

  private InProcessService(KupServiceThread running) {
    this.running = running;
  }

  public static InProcessService start(ServiceEnv env) {
    return start(env, FaultPoints.NONE);
  }

  static InProcessService start(ServiceEnv env, FaultPoints faults) {
    KupConfig config = KupConfig.from(ConfigSource.of(env.asMap(), Optional.empty()));
    return new InProcessService(KupServiceThread.start(
        KupService.create(config, faults, Clock.systemUTC()), "kup-under-test"));
  }

  public KupService service() {
    return running.service();
  }

  public boolean isRunning() {
    return running.isRunning();
  }

  /** The failure that ended the loop, if any. */
  public Optional<Throwable> failure() {
    return running.failure();
  }

  @Override
  public void close() {
    if (!running.stopAndClose(Duration.ofSeconds(30))) {
      throw new IllegalStateException("service did not stop within 30 s");
    }
  }
}
