package dev.kup.bench.data;

import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import java.util.Arrays;

/**
 * What {@code bench_accounts} must hold after a stream applied exactly once, in order: computed
 * by replaying only the row ids and increments, never the versions the stream carries, so a
 * mistake in the stream's version chain shows up as a mismatch. Rows start at version 1, 0 points,
 * status {@value #INITIAL_STATUS}. Not thread-safe; immutable once built.
 */
public final class ExpectedState {

  /** The status every row has before any update. */
  public static final String INITIAL_STATUS = "new";

  private final long[] version;
  private final long[] points;
  private final int[] lastUpdate;

  private ExpectedState(int rows) {
    version = new long[rows + 1];
    points = new long[rows + 1];
    lastUpdate = new int[rows + 1];
    Arrays.fill(version, Dataset.FIRST_VERSION);
    Arrays.fill(lastUpdate, -1);
  }

  /** Replays {@code stream} over rows {@code 1..rows}. */
  public static ExpectedState replay(UpdateStream stream, int rows) {
    ExpectedState state = new ExpectedState(rows);
    for (int i = 0; i < stream.size(); i++) {
      int id = (int) stream.id(i);
      state.version[id]++;
      state.points[id] += stream.points(i);
      state.lastUpdate[id] = i;
    }
    return state;
  }

  public int rows() {
    return version.length - 1;
  }

  public long version(int id) {
    return version[id];
  }

  public long points(int id) {
    return points[id];
  }

  public String status(int id) {
    return lastUpdate[id] < 0 ? INITIAL_STATUS : UpdateGenerator.status(lastUpdate[id]);
  }
}
