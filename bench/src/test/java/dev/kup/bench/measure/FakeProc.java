package dev.kup.bench.measure;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/** An in-memory {@code /proc} whose processes and CPU times the test sets; counts the reads. */
final class FakeProc implements ProcSource {

  static final ClockTicks TICKS = new ClockTicks(100);

  final Map<Long, ProcStat> processes = new TreeMap<>();
  final Map<Long, ProcSnapshot> snapshots = new HashMap<>();
  final Map<Long, Integer> statReads = new HashMap<>();
  MachineTicks machine = new MachineTicks(0, 0);
  /** False: the machine's CPU line cannot be read, as without {@code /proc}. */
  boolean readable = true;
  /** Runs after each {@link #stat} read, to change the processes between two reads. */
  LongConsumer afterStat = pid -> { };

  void put(ProcStat process) {
    processes.put(process.pid(), process);
  }

  @Override
  public ClockTicks ticks() {
    return TICKS;
  }

  @Override
  public MachineTicks machine() throws IOException {
    if (!readable) {
      throw new NoSuchFileException("/proc/stat");
    }
    return machine;
  }

  @Override
  public List<Long> pids() {
    return List.copyOf(processes.keySet());
  }

  @Override
  public Optional<ProcStat> stat(long pid) {
    statReads.merge(pid, 1, Integer::sum);
    Optional<ProcStat> stat = Optional.ofNullable(processes.get(pid));
    afterStat.accept(pid);
    return stat;
  }

  @Override
  public String cmdline(long pid) {
    return processes.containsKey(pid) ? processes.get(pid).comm() + "\0" : "";
  }

  @Override
  public Optional<ProcSnapshot> snapshot(long pid) {
    return Optional.ofNullable(snapshots.get(pid));
  }
}
