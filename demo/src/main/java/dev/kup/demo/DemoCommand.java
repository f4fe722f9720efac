package dev.kup.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kup demo}: the picocli face of {@link DemoRun}. */
@Command(
    name = "demo",
    description = {
      "Runs the whole pipeline on this machine and checks that it adds up: a local Kafka broker"
          + " (unless KUP_BOOTSTRAP_SERVERS is set) and an embedded H2 database (unless KUP_DB_URL"
          + " is set), an accounts table, a stream of updates with stale versions and poison"
          + " records published as kup publish does, and the kup service applying them.",
      "Other KUP_* settings reach the service as in production (e.g. KUP_BATCH_MAX_RECORDS)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every record was applied once or dead-lettered with its reason",
      "1:something did not add up, or could not be set up (the message says what)",
      "2:usage error",
      "130:stopped by Ctrl-C"
    })
final class DemoCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--rows", paramLabel = "N", description = "Rows of the accounts table (default: ${DEFAULT-VALUE}).")
  int rows = 100_000;

  @Option(names = "--updates", paramLabel = "N", description = "Update records to publish (default: ${DEFAULT-VALUE}).")
  long updates = 200_000;

  @Option(names = "--stale-share", paramLabel = "FRACTION",
      description = "Share of records with a stale version (default: ${DEFAULT-VALUE}).")
  double staleShare = 0.01;

  @Option(names = "--poison-share", paramLabel = "FRACTION",
      description = "Share of records that can never apply (default: ${DEFAULT-VALUE}).")
  double poisonShare = 0.015;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the update stream (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Folder of the local broker, the H2 file and the service log (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("kup-data");

  @Option(names = "--keep-running", description = "Leave the service up after the summary, until Ctrl-C.")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    // the service's JSON log goes to a file in the data folder, so the status line stays readable
    System.setProperty("kup.demo.log", dataDir.resolve("kup.log").toAbsolutePath().toString());
    DemoOptions options = new DemoOptions(
        rows, updates, staleShare, poisonShare, seed, dataDir, keepRunning);
    return new DemoRun(options, System.getenv(), System.out, System.console() != null)
        .run().exitCode();
  }
}
