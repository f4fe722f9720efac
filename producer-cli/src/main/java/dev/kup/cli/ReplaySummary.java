package dev.kup.cli;

/**
 * What one {@code kup replay} run did.
 *
 * @param replayed dead letters sent back to the topic (or, in a dry run, that would have been)
 * @param skipped dead letters read that the filter did not select
 * @param failed dead letters whose send failed; the group's offsets were then not committed
 */
record ReplaySummary(long replayed, long skipped, long failed) {

  int exitCode() {
    return failed == 0 ? 0 : 1;
  }

  String line() {
    return "replayed=" + replayed + " skipped=" + skipped + " failed=" + failed;
  }
}
