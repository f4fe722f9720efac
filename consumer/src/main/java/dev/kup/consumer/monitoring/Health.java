package dev.kup.consumer.monitoring;

import java.util.Map;

/** What {@code /health/live} and {@code /health/ready} report for one role. Thread-safe. */
public interface Health {
  /** Whether the process still does its work; a failing liveness probe restarts it. */
  boolean live();

  /** Check name → null when it passes, else why it fails; ready when every value is null. */
  Map<String, String> readiness();
}
