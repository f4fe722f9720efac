package dev.kup.demo.watch;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live single-line status: a progress bar over the records kup has committed, records/s
 * applied, lag, conflicts and dead letters. On a terminal the line is redrawn in place; otherwise
 * (a pipe, a log file, a test) a new line is printed at most every few seconds.
 */
public final class StatusLine {
  private static final int BAR_WIDTH = 24;
  private static final long PLAIN_EVERY_NANOS = 2_000_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long lastApplied;
  private long lastNanos;
  private long lastPrintedNanos = -PLAIN_EVERY_NANOS;
  private double ratePerSecond;

  public StatusLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows {@code progress}; on a pipe only when the last line is old enough or it is done. */
  public void show(Progress progress) {
    long applied = progress.metrics().outcome("applied");
    long nanos = progress.elapsedNanos();
    if (nanos > lastNanos) {
      double instant = (applied - lastApplied) * 1e9 / (nanos - lastNanos);
      ratePerSecond = lastNanos == 0 ? instant : 0.5 * ratePerSecond + 0.5 * instant;
    }
    lastApplied = applied;
    lastNanos = nanos;
    if (terminal) {
      out.print("\r" + render(progress, ratePerSecond) + "\033[K");
      out.flush();
    } else if (progress.done() || nanos - lastPrintedNanos >= PLAIN_EVERY_NANOS) {
      out.println(render(progress, ratePerSecond));
      lastPrintedNanos = nanos;
    }
  }

  /** Ends the redrawn line, so what follows starts on a line of its own. */
  public void finish() {
    if (terminal) {
      out.println();
    }
  }

  static String render(Progress p, double appliedPerSecond) {
    double share = p.total() == 0 ? 1 : Math.min(1, (double) p.committed() / p.total());
    int filled = (int) Math.round(share * BAR_WIDTH);
    return String.format(Locale.ROOT,
        "[%s%s] %3d%% %,d/%,d committed | %,.0f applied/s | lag %,d | conflicts %,d | dead letters %,d",
        "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), Math.round(share * 100),
        p.committed(), p.total(), appliedPerSecond, p.lag(),
        p.metrics().outcome("conflict") + p.metrics().outcome("not_found"),
        p.metrics().deadLetters());
  }
}
