package dev.kup.bench.measure;

/**
 * The fields of one {@code /proc/<pid>/stat} line that CPU accounting needs. Parsing only, no
 * I/O. Times are in clock ticks ({@link ClockTicks}).
 *
 * @param pid the process id
 * @param comm the command name ({@code /proc/<pid>/comm}, at most 15 characters)
 * @param ppid the parent's process id
 * @param ownTicks {@code utime + stime}: CPU the process itself used so far
 * @param reapedChildTicks {@code cutime + cstime}: CPU of the children it has waited for
 * @param startTicks {@code starttime}: when it started, after boot; with the pid it names one
 *     process even if the pid is reused
 */
public record ProcStat(long pid, String comm, long ppid, long ownTicks, long reapedChildTicks,
    long startTicks) {

  /** Reads the one line of {@code /proc/<pid>/stat}. */
  public static ProcStat parse(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    // the command name is in parentheses and may hold spaces and ')': count fields after the last
    String[] after = stat.substring(close + 2).trim().split(" ");
    return new ProcStat(
        Long.parseLong(stat.substring(0, open).trim()),
        stat.substring(open + 1, close),
        Long.parseLong(after[1]),
        Long.parseLong(after[11]) + Long.parseLong(after[12]),
        Long.parseLong(after[13]) + Long.parseLong(after[14]),
        Long.parseLong(after[19]));
  }

  /** Own CPU, plus that of reaped children when {@code withReapedChildren}. */
  public long ticks(boolean withReapedChildren) {
    return ownTicks + (withReapedChildren ? reapedChildTicks : 0);
  }
}
