package dev.kup.bench.measure;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's one CPU sampler: reads the machine and the watched processes from {@code /proc}
 * every {@value #INTERVAL_MS} ms on a daemon thread, keeping each reading, until {@link #stop()}.
 * PostgreSQL's backends come and go, so every pass lists the processes and reads each new pid
 * once; the sampler's own CPU is counted in this JVM's group. Methods may be called from any
 * thread.
 */
public final class CpuBudgetSampler implements AutoCloseable {

  /** How often the processes are read. */
  public static final long INTERVAL_MS = 200;

  // re-reading a dozen processes takes well under a millisecond: a process exits in one rarely
  private static final int MAX_REREADS = 5;

  private final WatchedProcesses watched;
  private final ProcSource proc;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "cpu-budget-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private final List<CpuSample> samples = new ArrayList<>();
  // pids of the last full pass that belong to no group: not read again while they stay listed,
  // which cuts the sampler's own CPU several times (a pid is not reused within 200 ms); guarded
  // by this
  private Set<Long> others = new HashSet<>();

  /** A sampler that reads only when {@link #sample()} or {@link #stop()} is called. */
  CpuBudgetSampler(WatchedProcesses watched, ProcSource proc) {
    this.watched = watched;
    this.proc = proc;
  }

  /** Takes a first reading now and then one every {@value #INTERVAL_MS} ms. */
  public static CpuBudgetSampler start(WatchedProcesses watched, ProcSource proc) {
    CpuBudgetSampler sampler = new CpuBudgetSampler(watched, proc);
    sampler.sample();
    sampler.timer.scheduleAtFixedRate(sampler::sample, INTERVAL_MS, INTERVAL_MS,
        TimeUnit.MILLISECONDS);
    return sampler;
  }

  /** Takes a last reading, stops sampling and returns every reading. */
  public synchronized CpuTimeline stop() {
    timer.shutdownNow();
    sample();
    return new CpuTimeline(samples, watched.groups(), proc.ticks());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** Takes one reading; none when {@code /proc} cannot be read (not Linux, or hidden). */
  synchronized void sample() {
    try {
      Instant at = Instant.now();
      samples.add(new CpuSample(at, proc.machine(), readProcesses()));
    } catch (IOException | RuntimeException unreadable) {
      // a budget of fewer than two samples is null
    }
  }

  /**
   * A full pass finds the watched processes; they are then read again, parents first, until a
   * pass in which none has gone. A backend reaped meanwhile is then counted once, by itself or in
   * its parent's {@code cutime + cstime}: with a single pass, the parent could be read before the
   * reap and the backend after it, and the last sample of a database run, taken as its
   * connections close, lost a whole backend in about one run of three.
   */
  private Map<CpuGroup, List<ProcStat>> readProcesses() throws IOException {
    List<Member> members = scan();
    for (int pass = 0; pass < MAX_REREADS; pass++) {
      List<Member> again = reread(members);
      boolean noneGone = again.size() == members.size();
      members = again;
      if (noneGone) {
        break;
      }
    }
    Map<CpuGroup, List<ProcStat>> found = new EnumMap<>(CpuGroup.class);
    members.forEach(m -> found.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m.stat()));
    return found;
  }

  private List<Member> scan() throws IOException {
    List<Member> members = new ArrayList<>();
    Set<Long> stillOthers = new HashSet<>();
    for (long pid : proc.pids()) {
      Optional<ProcStat> process = others.contains(pid) ? Optional.empty() : proc.stat(pid);
      CpuGroup group = process.map(p -> watched.groupOf(p, () -> proc.cmdline(pid))).orElse(null);
      if (group != null) {
        members.add(new Member(group, process.get()));
      } else if (process.isPresent() || others.contains(pid)) {
        stillOthers.add(pid);
      }
    }
    others = stillOthers;
    return members;
  }

  /** Reads the members again, those that are a member's parent first; drops those gone. */
  private List<Member> reread(List<Member> members) {
    Set<Long> parents = new HashSet<>();
    members.forEach(m -> parents.add(m.stat().ppid()));
    List<Member> ordered = new ArrayList<>(members);
    ordered.sort(Comparator.comparing((Member m) -> !parents.contains(m.stat().pid()))
        .thenComparingLong(m -> m.stat().pid()));
    List<Member> again = new ArrayList<>();
    for (Member member : ordered) {
      proc.stat(member.stat().pid())
          .filter(now -> now.startTicks() == member.stat().startTicks())
          .ifPresent(now -> again.add(new Member(member.group(), now)));
    }
    return again;
  }

  private record Member(CpuGroup group, ProcStat stat) {}
}
