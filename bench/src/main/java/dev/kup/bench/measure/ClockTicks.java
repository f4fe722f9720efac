package dev.kup.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's clock ticks per second ({@code getconf CLK_TCK}), the unit of CPU times in {@code
 * /proc/<pid>/stat}.
 *
 * @param perSecond ticks per second; positive
 */
public record ClockTicks(long perSecond) {

  public ClockTicks {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("CLK_TCK must be positive, was " + perSecond);
    }
  }

  /** Asks {@code getconf CLK_TCK}. */
  public static ClockTicks query() throws IOException, InterruptedException {
    Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
    String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (getconf.waitFor() != 0) {
      throw new IOException("getconf CLK_TCK failed: " + out);
    }
    return new ClockTicks(Long.parseLong(out.strip()));
  }
}
