package dev.kup.bench.data;

import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import java.util.Arrays;

/**
 * What {@code bench_accounts} must hold after a stream applied exactly once, in order: computed
 * by replaying only the row ids and increments, never the versions the stream carries, so a
 * mistake in the stream's version chain shows up as a mismatch. The loaded rows start at version
 * 1, 0 points, status {@value #INITIAL_STATUS}; the rows a stream inserts (ids on from the loaded
 * ones) start absent, at version 0, so their insert leaves them at version 1 as kup writes it.
 * Not thread-safe; immutable once built.
 */
public final class ExpectedState {

  /** The status every row has before any update. */
  public static final String INITIAL_STATUS = "new";

  private final long[] version;
  private final long[] points;
  private final int[] lastUpdate;

  private ExpectedState(int rows, int inserted) {
    version = new long[rows + inserted + 1];
    points = new long[rows + inserted + 1];
    lastUpdate = new int[rows + inserted + 1];
    Arrays.fill(version, 1, rows + 1, Dataset.FIRST_VERSION);
    Arrays.fill(lastUpdate, -1);
  }

  /**
   * Replays {@code stream} over rows {@code 1..rows} and the rows it inserts after them; every row
   * of the state exists at the end, the inserted ones included.
   */
  public static ExpectedState replay(UpdateStream stream, int rows) {
    ExpectedState state = new ExpectedState(rows, stream.inserts());
    for (int i = 0; i < stream.size(); i++) {
      int id = (int) stream.id(i);
      state.version[id]++;
      state.points[id] += stream.points(i);
      state.lastUpdate[id] = i;
    }
    return state;
  }

  /** The rows the table holds: the loaded ones and the inserted ones, ids {@code 1..rows()}. */
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
