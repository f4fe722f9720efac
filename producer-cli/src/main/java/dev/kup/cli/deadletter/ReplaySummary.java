package dev.kup.cli.deadletter;

/**
 * What one {@code kup replay} run did.
 *
 * @param replayed dead letters sent back (or, in a dry run, that would have been)
 * @param skipped dead letters read that the filter did not select, or that cannot be replayed
 *     because they were written without their value
 * @param failed dead letters whose send failed; the run stopped and committed nothing past them
 * @param refused selected letters the loop guard refused: replayed {@code --max-replays} times
 */
record ReplaySummary(long replayed, long skipped, long failed, long refused) {

  int exitCode() {
    return failed == 0 ? 0 : 1;
  }

  String line() {
    return "replayed=" + replayed + " skipped=" + skipped + " failed=" + failed
        + " refused=" + refused;
  }
}
