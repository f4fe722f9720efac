package dev.kup.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code /proc/stat} and the {@code /proc/<pid>/stat} of the watched processes every {@value
 * ProcessSampler#INTERVAL_MS} ms on a daemon thread, keeping each reading, until {@link #stop()}.
 * PostgreSQL's backends come and go, so every pass lists {@code /proc} and reads each new pid
 * once; the sampler's own CPU is counted in this JVM's group. Linux only. Methods may be called
 * from any thread.
 */
public final class CpuBudgetSampler implements AutoCloseable {

  private static final Path PROC = Path.of("/proc");
  // re-reading a dozen processes takes well under a millisecond: a process exits in one rarely
  private static final int MAX_REREADS = 5;

  private final WatchedProcesses watched;
  private final ClockTicks ticks;
  private final ScheduledExecutorService timer;
  private final List<CpuSample> samples = new ArrayList<>();
  // pids of the last full pass that belong to no group: not read again while they stay listed,
  // which cuts the sampler's own CPU several times (a pid is not reused within 200 ms); guarded
  // by this
  private Set<String> others = new HashSet<>();

  private CpuBudgetSampler(WatchedProcesses watched, ClockTicks ticks) {
    this.watched = watched;
    this.ticks = ticks;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "cpu-budget-sampler");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Takes a first reading now and then one every {@value ProcessSampler#INTERVAL_MS} ms. */
  public static CpuBudgetSampler start(WatchedProcesses watched, ClockTicks ticks) {
    CpuBudgetSampler sampler = new CpuBudgetSampler(watched, ticks);
    sampler.sample();
    sampler.timer.scheduleAtFixedRate(sampler::sample, ProcessSampler.INTERVAL_MS,
        ProcessSampler.INTERVAL_MS, TimeUnit.MILLISECONDS);
    return sampler;
  }

  /** Takes a last reading, stops sampling and returns every reading. */
  public synchronized CpuTimeline stop() {
    timer.shutdownNow();
    sample();
    return new CpuTimeline(samples, watched.groups(), ticks);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private synchronized void sample() {
    try {
      Instant at = Instant.now();
      MachineTicks machine = MachineTicks.parse(Files.readString(PROC.resolve("stat")));
      samples.add(new CpuSample(at, machine, readProcesses()));
    } catch (IOException | RuntimeException unreadable) {
      // not Linux, or /proc hidden: no sample, and a budget of fewer than two samples is null
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
    Set<String> stillOthers = new HashSet<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, CpuBudgetSampler::isPid)) {
      for (Path dir : pids) {
        String pid = dir.getFileName().toString();
        ProcStat process = others.contains(pid) ? null : read(dir);
        CpuGroup group = process == null ? null : watched.groupOf(process, () -> cmdline(dir));
        if (group != null) {
          members.add(new Member(group, dir, process));
        } else if (process != null || others.contains(pid)) {
          stillOthers.add(pid);
        }
      }
    }
    others = stillOthers;
    return members;
  }

  /** Reads the members again, those that are a member's parent first; drops those gone. */
  private static List<Member> reread(List<Member> members) {
    Set<Long> parents = new HashSet<>();
    members.forEach(m -> parents.add(m.stat().ppid()));
    List<Member> ordered = new ArrayList<>(members);
    ordered.sort(Comparator.comparing((Member m) -> !parents.contains(m.stat().pid()))
        .thenComparingLong(m -> m.stat().pid()));
    List<Member> again = new ArrayList<>();
    for (Member member : ordered) {
      ProcStat now = read(member.dir());
      if (now != null && now.startTicks() == member.stat().startTicks()) {
        again.add(new Member(member.group(), member.dir(), now));
      }
    }
    return again;
  }

  private static boolean isPid(Path entry) {
    return Character.isDigit(entry.getFileName().toString().charAt(0));
  }

  private static ProcStat read(Path dir) {
    try {
      return ProcStat.parse(Files.readString(dir.resolve("stat")));
    } catch (IOException | RuntimeException gone) {
      return null; // exited between the listing and the read
    }
  }

  private record Member(CpuGroup group, Path dir, ProcStat stat) {}

  private static String cmdline(Path dir) {
    try {
      return new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }
}
