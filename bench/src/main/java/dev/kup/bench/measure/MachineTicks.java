package dev.kup.bench.measure;

/**
 * The whole machine's CPU time so far, from the first line of {@code /proc/stat}, summed over
 * every online CPU, in clock ticks. Parsing only, no I/O.
 *
 * @param busyTicks {@code total − idle − iowait}
 * @param totalTicks {@code user + nice + system + idle + iowait + irq + softirq + steal}
 */
public record MachineTicks(long busyTicks, long totalTicks) {

  public MachineTicks {
    if (busyTicks < 0 || busyTicks > totalTicks) {
      throw new IllegalArgumentException(
          "busy ticks must be within 0 and total " + totalTicks + ", were " + busyTicks);
    }
  }

  /** Reads the {@code cpu} line, the first of {@code /proc/stat}. */
  public static MachineTicks parse(String procStat) {
    String first = procStat.lines().findFirst().orElse("");
    if (!first.startsWith("cpu ")) {
      throw new IllegalArgumentException("not a /proc/stat cpu line: " + first);
    }
    String[] fields = first.substring(4).trim().split("\\s+");
    long total = 0;
    // guest and guest_nice (fields 9 and 10) are already counted in user and nice
    for (int i = 0; i < Math.min(8, fields.length); i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[3]) + Long.parseLong(fields[4]);
    return new MachineTicks(total - idle, total);
  }
}
