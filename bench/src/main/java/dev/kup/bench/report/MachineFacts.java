package dev.kup.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a run measured, for comparing runs.
 *
 * @param timestamp when the run started, ISO-8601 UTC
 * @param nproc processors this JVM may use
 * @param javaVersion {@code java.version} and the VM's name
 * @param os name, version, architecture
 * @param cpuModel from {@code /proc/cpuinfo}
 * @param memTotalMib from {@code /proc/meminfo}
 * @param loadAverage {@code /proc/loadavg} at the start: other work on the machine skews numbers
 * @param database the database and its version, e.g. {@code PostgreSQL 16.4} or {@code MariaDB
 *     10.11.19-MariaDB-0+deb12u1}
 */
public record MachineFacts(
    String timestamp,
    int nproc,
    String javaVersion,
    String os,
    String cpuModel,
    long memTotalMib,
    String loadAverage,
    String database) {

  /** Reads this machine; what cannot be read is "unknown". */
  public static MachineFacts collect(String database) {
    return new MachineFacts(
        Instant.now().toString(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        field("/proc/cpuinfo", "model name\\s*:\\s*(.+)"),
        readMemTotalMib(),
        read("/proc/loadavg"),
        database);
  }

  private static long readMemTotalMib() {
    String kib = field("/proc/meminfo", "MemTotal:\\s*(\\d+) kB");
    return kib.equals("unknown") ? -1 : Long.parseLong(kib) / 1024;
  }

  private static String field(String file, String regex) {
    Matcher match = Pattern.compile(regex).matcher(read(file));
    return match.find() ? match.group(1).strip() : "unknown";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
