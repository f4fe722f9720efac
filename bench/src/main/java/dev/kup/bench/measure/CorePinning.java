package dev.kup.bench.measure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins PostgreSQL to core 0 and the benchmark's own JVMs to the other cores, with {@code taskset}
 * (util-linux), until closed. Every {@code postgres} process is pinned, the postmaster included,
 * so backends it forks later (kup's connections) start on core 0 too; the benchmark JVM is pinned
 * thread by thread ({@code -a}), so the threads it starts later and the kup JVM it forks inherit
 * the other cores. Closing gives every process it pinned all cores back. Needs permission to set
 * the affinity of PostgreSQL's processes (root, or the same user).
 */
public final class CorePinning implements AutoCloseable {
  static final String DATABASE_CORES = "0";

  private final List<Long> pinned;
  private final String allCores;

  private CorePinning(List<Long> pinned, String allCores) {
    this.pinned = pinned;
    this.allCores = allCores;
  }

  /**
   * Pins PostgreSQL's processes and {@code ownPids} (the benchmark JVM, its broker).
   *
   * @throws IllegalStateException when the machine has one core or {@code taskset} fails
   */
  public static CorePinning pin(ProcSource proc, List<Long> ownPids) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores < 2) {
      throw new IllegalStateException("pinned mode needs 2 cores, this machine has " + cores);
    }
    String rest = cores == 2 ? "1" : "1-" + (cores - 1);
    CorePinning pinning = new CorePinning(new ArrayList<>(), "0-" + (cores - 1));
    List<Long> database = databasePids(proc, ownPids.get(0));
    if (database.isEmpty()) {
      throw new IllegalStateException("pinned mode: no postgres process found on this machine");
    }
    for (long pid : database) {
      pinning.set(pid, DATABASE_CORES);
    }
    for (long pid : ownPids) {
      pinning.set(pid, rest);
    }
    return pinning;
  }

  /** The pids that are PostgreSQL's, as the CPU sampler tells them. */
  static List<Long> databasePids(ProcSource proc, long benchPid) throws IOException {
    WatchedProcesses database = WatchedProcesses.database(CpuGroup.POSTGRES, benchPid);
    List<Long> pids = new ArrayList<>();
    for (long pid : proc.pids()) {
      proc.stat(pid).ifPresent(stat -> {
        if (database.groupOf(stat, () -> proc.cmdline(pid)) == CpuGroup.POSTGRES) {
          pids.add(pid);
        }
      });
    }
    return pids;
  }

  /** How many processes are pinned. */
  public int processes() {
    return pinned.size();
  }

  private void set(long pid, String cores) {
    if (taskset(pid, cores)) {
      pinned.add(pid);
    } // a backend that ended between the listing and now needs nothing
  }

  @Override
  public void close() {
    for (long pid : pinned) {
      taskset(pid, allCores);
    }
  }

  /** Sets every thread of {@code pid} to {@code cores}; false when the process is gone. */
  private static boolean taskset(long pid, String cores) {
    try {
      Process taskset = new ProcessBuilder("taskset", "-a", "-cp", cores, Long.toString(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int exit = taskset.waitFor();
      if (exit != 0 && ProcessHandle.of(pid).isPresent()) {
        throw new IllegalStateException("taskset -a -cp " + cores + " " + pid + " exited " + exit);
      }
      return exit == 0;
    } catch (IOException e) {
      throw new IllegalStateException("pinned mode needs taskset (util-linux): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pinning " + pid, e);
    }
  }
}
