package dev.kup.consumer;

import dev.kup.consumer.monitoring.ServiceEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, from the first line of {@code main} on. While the service is still being
 * built (loading the catalog, waiting for a database that is down) nothing has been consumed, so
 * a signal ends the process at once with 0; once the service exists, a signal asks it to finish
 * its batches, commit and leave the group, and halts the process if that overruns its bound.
 */
final class StopSignals {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private final Duration bound;
  private Stoppable service;

  private StopSignals(Duration bound) {
    this.bound = bound;
  }

  /** Installs the handlers; {@code bound} limits a clean stop of a running service. */
  static StopSignals install(Duration bound) {
    StopSignals signals = new StopSignals(bound);
    Signal.handle(new Signal("TERM"), s -> signals.onSignal(s.getName()));
    Signal.handle(new Signal("INT"), s -> signals.onSignal(s.getName()));
    return signals;
  }

  /** From now on a signal stops this service cleanly. */
  synchronized void attach(Stoppable running) {
    this.service = running;
  }

  private synchronized void onSignal(String name) {
    if (service == null) {
      LOG.info(ServiceEvent.SHUTDOWN_REQUESTED.marker(),
          "stop requested by signal={} during startup: nothing consumed yet", name);
      // System.exit waits for shutdown hooks; never from the signal dispatcher thread itself
      new Thread(() -> System.exit(0), "kup-shutdown").start();
      return;
    }
    Stoppable stopping = service;
    new Thread(() -> {
      LOG.info(ServiceEvent.SHUTDOWN_REQUESTED.marker(), "stop requested by signal={} bound={}",
          name, bound);
      if (!stopping.stop(bound)) {
        LOG.error(ServiceEvent.SHUTDOWN_TIMEOUT.marker(), "the service did not stop within {}",
            bound);
        Runtime.getRuntime().halt(KupConsumerMain.EXIT_FATAL);
      }
    }, "kup-shutdown").start();
  }
}
