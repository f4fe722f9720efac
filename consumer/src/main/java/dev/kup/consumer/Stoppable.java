package dev.kup.consumer;

import java.time.Duration;

/** A running role (the consumer service, the router) that a signal asks to stop cleanly. */
interface Stoppable {
  /**
   * Asks it to finish its work in hand, commit and leave its group; waits up to {@code timeout}.
   *
   * @return whether it finished in time
   */
  boolean stop(Duration timeout);
}
