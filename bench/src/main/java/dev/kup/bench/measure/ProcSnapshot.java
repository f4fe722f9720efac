package dev.kup.bench.measure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a Linux process from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}:
 * CPU time used so far and memory. Parsing only, no I/O.
 *
 * @param cpuTicks user + system time in clock ticks ({@code utime + stime})
 * @param peakRssKib {@code VmHWM}: the highest resident set size so far
 * @param rssKib {@code VmRSS}: the resident set size now
 */
public record ProcSnapshot(long cpuTicks, long peakRssKib, long rssKib) {

  private static final Pattern KIB = Pattern.compile("^(\\w+):\\s+(\\d+) kB$", Pattern.MULTILINE);

  /**
   * Reads the two files' text.
   *
   * @param stat the one line of {@code /proc/<pid>/stat}
   * @param status the text of {@code /proc/<pid>/status}
   */
  public static ProcSnapshot parse(String stat, String status) {
    long hwm = 0;
    long rss = 0;
    Matcher line = KIB.matcher(status);
    while (line.find()) {
      switch (line.group(1)) {
        case "VmHWM" -> hwm = Long.parseLong(line.group(2));
        case "VmRSS" -> rss = Long.parseLong(line.group(2));
        default -> { }
      }
    }
    return new ProcSnapshot(ProcStat.parse(stat).ownTicks(), hwm, rss);
  }
}
