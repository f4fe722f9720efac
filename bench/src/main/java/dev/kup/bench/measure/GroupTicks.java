package dev.kup.bench.measure;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The CPU one group of processes used between its first and its last reading, when processes of
 * the group start and exit in between. Pure.
 *
 * <p>Per process (pid and start time), the last reading minus the first; a process not in the
 * first reading started later and counts from 0; one gone before the last reading counts up to
 * its last reading. When the group {@linkplain CpuGroup#countsReapedChildren counts reaped
 * children}, a process that exited and was waited for by a member still there at the end is
 * counted through that member's {@code cutime + cstime} instead, which holds its whole life: its
 * own difference is replaced by minus its first reading, so nothing counts twice and the CPU it
 * used after its last reading is not lost.
 */
public final class GroupTicks {

  private GroupTicks() {}

  /**
   * @param readings the group's processes at each sample, oldest first; at least one
   * @return ticks used, or empty when no process of the group was seen in any reading
   */
  public static OptionalLong between(List<List<ProcStat>> readings, boolean withReapedChildren) {
    Map<ProcKey, ProcStat> first = byKey(readings.get(0));
    Map<ProcKey, ProcStat> lastSeen = new LinkedHashMap<>();
    readings.forEach(reading -> reading.forEach(p -> lastSeen.put(ProcKey.of(p), p)));
    if (lastSeen.isEmpty()) {
      return OptionalLong.empty();
    }
    Map<ProcKey, ProcStat> atEnd = byKey(readings.get(readings.size() - 1));
    Map<Long, Long> startOfPidAtEnd = new HashMap<>();
    atEnd.keySet().forEach(key -> startOfPidAtEnd.put(key.pid(), key.startTicks()));
    long ticks = 0;
    for (Map.Entry<ProcKey, ProcStat> seen : lastSeen.entrySet()) {
      ProcStat before = first.get(seen.getKey());
      long from = before == null ? 0 : before.ticks(withReapedChildren);
      ProcStat last = seen.getValue();
      boolean inParentsChildTime = withReapedChildren && !atEnd.containsKey(seen.getKey())
          && startOfPidAtEnd.getOrDefault(last.ppid(), Long.MAX_VALUE) <= last.startTicks();
      ticks += inParentsChildTime ? -from : last.ticks(withReapedChildren) - from;
    }
    return OptionalLong.of(ticks);
  }

  private static Map<ProcKey, ProcStat> byKey(List<ProcStat> reading) {
    Map<ProcKey, ProcStat> byKey = new HashMap<>();
    reading.forEach(p -> byKey.put(ProcKey.of(p), p));
    return byKey;
  }
}
