package dev.kup.bench.method.mariadb;

import java.sql.Statement;
import java.util.Arrays;

/** What a JDBC batch's update counts say about the rows it applied. Pure. */
final class BatchCounts {

  private BatchCounts() {}

  /**
   * The rows applied: the sum when every count is a real one (0 or 1 for a version-checked update
   * by primary key), {@link WaveWriter#NO_COUNT} when every count is {@link
   * Statement#SUCCESS_NO_INFO}.
   *
   * @throws IllegalStateException for any other count, or a mix
   */
  static long applied(int[] counts) {
    long applied = 0;
    int noInfo = 0;
    for (int count : counts) {
      if (count == Statement.SUCCESS_NO_INFO) {
        noInfo++;
      } else if (count == 0 || count == 1) {
        applied += count;
      } else {
        throw new IllegalStateException("update count " + count + " for one row by its key");
      }
    }
    if (noInfo == 0) {
      return applied;
    }
    if (noInfo == counts.length) {
      return WaveWriter.NO_COUNT;
    }
    throw new IllegalStateException(noInfo + " of " + counts.length + " counts without info");
  }

  /** {@code [1, 0, 1]}, or {@code [-2 ×3]} when every count is the same, for a note. */
  static String describe(int[] counts) {
    if (counts.length > 1 && Arrays.stream(counts).allMatch(c -> c == counts[0])) {
      return "[" + counts[0] + " ×" + counts.length + "]";
    }
    return Arrays.toString(counts);
  }
}
