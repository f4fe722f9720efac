package dev.kup.bench.measure;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The parts of Linux's {@code /proc} the benchmark's CPU figures come from. {@link LinuxProc}
 * reads the real one; tests give their own. Implementations may be called from any thread.
 */
public interface ProcSource {

  /** The unit of every CPU time read here. */
  ClockTicks ticks();

  /** The whole machine's CPU time so far ({@code /proc/stat}). */
  MachineTicks machine() throws IOException;

  /** The process ids listed now. */
  List<Long> pids() throws IOException;

  /** The process's {@code /proc/<pid>/stat}; empty once it is gone. */
  Optional<ProcStat> stat(long pid);

  /** The process's command line, arguments separated by NUL; empty once it is gone. */
  String cmdline(long pid);

  /** The process's CPU time and memory ({@code stat} and {@code status}); empty once it is gone. */
  Optional<ProcSnapshot> snapshot(long pid);
}
