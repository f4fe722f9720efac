package dev.kup.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one demo run does.
 *
 * @param rows rows of the accounts table, created anew at version 0
 * @param updates records published
 * @param staleShare share of the records with a stale version (version conflicts)
 * @param poisonShare share of the records that can never apply (dead-lettered as poison)
 * @param seed the stream's seed: the same seed, the same stream
 * @param dataDir folder of the local broker, the H2 file and the service's log
 * @param keepRunning leave the service up after the summary, until Ctrl-C
 */
public record DemoOptions(
    int rows, long updates, double staleShare, double poisonShare, long seed, Path dataDir,
    boolean keepRunning) {

  public DemoOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    if (rows < 1 || updates < 1) {
      throw new IllegalArgumentException("rows and updates must be at least 1");
    }
  }
}
