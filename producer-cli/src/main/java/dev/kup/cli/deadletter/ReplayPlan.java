package dev.kup.cli.deadletter;

import java.util.Objects;

/**
 * What one {@code kup replay} run is to do.
 *
 * @param deadLetterTopic the topic to read letters from
 * @param filter which letters to send back (its original topic is required)
 * @param destination where to send them: the original topic, or {@code --to}
 * @param maxReplays letters already replayed this many times are refused (the loop guard)
 * @param ratePerSecond at most this many letters sent per second; 0 for no limit
 * @param dryRun list the selected letters, send and commit nothing
 */
record ReplayPlan(
    String deadLetterTopic,
    LetterFilter filter,
    String destination,
    int maxReplays,
    double ratePerSecond,
    boolean dryRun) {

  ReplayPlan {
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(filter.originalTopic(), "a replay needs the letters' original topic");
    Objects.requireNonNull(destination, "destination");
    if (maxReplays < 1) {
      throw new IllegalArgumentException("--max-replays must be at least 1");
    }
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException("--rate must not be negative");
    }
  }
}
