package dev.kup.localkit.stream;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one generator of kup update streams: chained updates of {@link TableRows}, each expecting
 * the version its row has after every earlier update of it, so that applied once and in order,
 * every update applies. The {@code n}-th update (from 0) sets {@code status} to {@link
 * #status(long) "s" + n} and adds 1..{@value #MAX_POINTS} to {@code points}; its row comes from a
 * {@link RowSampler}. The same rows, sampler and seed give the same stream. Not thread-safe.
 *
 * <p>Users add what only they need on top: the demo's stale and poison records ({@link #pickRow}
 * and {@link #version} without advancing the chain), a test's hand-picked updates ({@link
 * #next(long, long, String)}).
 */
public final class UpdateGenerator {

  /** The largest points increment {@link #next()} draws. */
  public static final int MAX_POINTS = 9;

  private final TableRows rows;
  private final RowSampler sampler;
  private final SplittableRandom random;
  private final long[] versions;
  private long generated;

  /**
   * @param rows the rows updated, all at their first version
   * @param sampler draws each update's row
   * @param seed fixes every draw
   */
  public UpdateGenerator(TableRows rows, RowSampler sampler, long seed) {
    this.rows = rows;
    this.sampler = sampler;
    this.random = new SplittableRandom(seed);
    this.versions = new long[rows.rows() + 1];
    Arrays.fill(versions, rows.firstVersion());
  }

  /** The next update: a drawn row at its current version, 1..{@value #MAX_POINTS} points. */
  public ChainedUpdate next() {
    long id = pickRow();
    return next(id, 1 + random.nextInt(MAX_POINTS), status(generated));
  }

  /** The next update of a chosen row: at its current version, which it then advances. */
  public ChainedUpdate next(long id, long points, String status) {
    int row = checkRow(id);
    ChainedUpdate update = new ChainedUpdate(rows.table(), id, versions[row]++, points, status);
    generated++;
    return update;
  }

  /**
   * Draws a row the way {@link #next()} does, without updating it.
   *
   * @throws IllegalStateException when the sampler draws a row outside {@code 1..rows}
   */
  public long pickRow() {
    long id = sampler.next(random);
    if (id < 1 || id > rows.rows()) {
      throw new IllegalStateException("sampler drew row " + id + " outside 1.." + rows.rows());
    }
    return id;
  }

  /** The version row {@code id} is at after the updates generated so far. */
  public long version(long id) {
    return versions[checkRow(id)];
  }

  /** How many updates were generated. */
  public long generated() {
    return generated;
  }

  public TableRows rows() {
    return rows;
  }

  /** The status the {@code n}-th update of a stream sets. */
  public static String status(long n) {
    return "s" + n;
  }

  private int checkRow(long id) {
    if (id < 1 || id > rows.rows()) {
      throw new IllegalArgumentException("row " + id + " is outside 1.." + rows.rows());
    }
    return (int) id;
  }
}
