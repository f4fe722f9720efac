package dev.kup.bench.measure;

import java.util.Optional;

/**
 * What one process uses from {@link #start} to {@link #stop}: its {@code /proc} entries read at
 * each end. Start it right after the process starts (or before the work, for this JVM), stop it
 * while the process still runs. Methods are called from one thread.
 */
public final class ProcessMeter {

  private final long pid;
  private final ProcSource proc;
  private final Optional<ProcSnapshot> first;

  private ProcessMeter(long pid, ProcSource proc, Optional<ProcSnapshot> first) {
    this.pid = pid;
    this.proc = proc;
    this.first = first;
  }

  /** Takes the first reading now. */
  public static ProcessMeter start(long pid, ProcSource proc) {
    return new ProcessMeter(pid, proc, proc.snapshot(pid));
  }

  /**
   * Takes the last reading.
   *
   * @return the usage between the two; {@link ProcessUsage#NONE} when either could not be read
   */
  public ProcessUsage stop() {
    Optional<ProcSnapshot> last = proc.snapshot(pid);
    if (first.isEmpty() || last.isEmpty()) {
      return ProcessUsage.NONE;
    }
    return ProcessUsage.between(first.get(), last.get(), proc.ticks());
  }
}
