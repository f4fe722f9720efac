package dev.kup.localkit.stream;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one generator of kup update streams: chained updates of {@link TableRows}, each expecting
 * the version its row has after every earlier update of it, so that applied once and in order,
 * every update applies. The {@code n}-th update (from 0) sets {@code status} to {@link
 * #status(long) "s" + n} and adds 1..{@value #MAX_POINTS} to {@code points}; its row comes from a
 * {@link RowSampler}. The same rows, sampler, insert share and seed give the same stream. Not
 * thread-safe.
 *
 * <p>With an insert share, that share of the records, spread evenly ({@link #insertsAt}), are
 * upserts of new rows, numbered on from the last of the table's ({@code rows + 1}, {@code rows +
 * 2}, …), each inserted once at version 1; later updates draw them as well, each existing row as
 * likely as the sampler makes a table row (see {@link #pickRow}), and chain on their versions.
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
  private final double insertShare;
  private final SplittableRandom random;
  private long[] versions;
  private int inserted;
  private long generated;

  /**
   * Updates only.
   *
   * @param rows the rows updated, all at their first version
   * @param sampler draws each update's row
   * @param seed fixes every draw
   */
  public UpdateGenerator(TableRows rows, RowSampler sampler, long seed) {
    this(rows, sampler, 0, seed);
  }

  /**
   * @param rows the table's rows, all at their first version
   * @param sampler draws the table row an update goes to
   * @param insertShare the share of records that insert a new row, in {@code [0, 1)}
   * @param seed fixes every draw
   */
  public UpdateGenerator(TableRows rows, RowSampler sampler, double insertShare, long seed) {
    if (!(insertShare >= 0 && insertShare < 1)) {
      throw new IllegalArgumentException("insert share must be in [0, 1), was " + insertShare);
    }
    this.rows = rows;
    this.sampler = sampler;
    this.insertShare = insertShare;
    this.random = new SplittableRandom(seed);
    this.versions = new long[rows.rows() + 1];
    Arrays.fill(versions, rows.firstVersion());
  }

  /**
   * The next record: an insert where {@link #insertsAt} says so, else an update of a drawn row at
   * its current version; 1..{@value #MAX_POINTS} points either way.
   */
  public ChainedUpdate next() {
    if (insertsAt(insertShare, generated)) {
      return insert(1 + random.nextInt(MAX_POINTS), status(generated));
    }
    long id = pickRow();
    return next(id, 1 + random.nextInt(MAX_POINTS), status(generated));
  }

  /**
   * Whether record {@code n} (from 0) of a stream with {@code share} inserts is one: when {@code
   * floor((n + 1) × share)} passes an integer, so the first {@code m} records hold {@code floor(m ×
   * share)} inserts, evenly spread.
   */
  public static boolean insertsAt(double share, long n) {
    return share > 0 && (long) ((n + 1) * share) > (long) (n * share);
  }

  /** The next update of a chosen row: at its current version, which it then advances. */
  public ChainedUpdate next(long id, long points, String status) {
    int row = checkRow(id);
    ChainedUpdate update = new ChainedUpdate(rows.table(), id, versions[row]++, points, status);
    generated++;
    return update;
  }

  /** A new row, the next after the table's and the ones inserted so far, at version 1 after. */
  private ChainedUpdate insert(long points, String status) {
    int id = rows.rows() + inserted + 1;
    if (id == versions.length) {
      versions = Arrays.copyOf(versions, versions.length + Math.max(16, versions.length / 2));
    }
    versions[id] = 1;
    inserted++;
    generated++;
    return new ChainedUpdate(rows.table(), id, 0, points, status, true);
  }

  /**
   * Draws a row the way {@link #next()} does for an update, without updating it: once rows were
   * inserted, one of them, uniformly, as often as they are among all rows; else the sampler's.
   *
   * @throws IllegalStateException when the sampler draws a row outside {@code 1..rows}
   */
  public long pickRow() {
    if (inserted > 0 && random.nextLong(rows.rows() + (long) inserted) >= rows.rows()) {
      return rows.rows() + 1L + random.nextInt(inserted);
    }
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

  /** How many records were generated, inserts included. */
  public long generated() {
    return generated;
  }

  /** How many rows were inserted: rows {@code rows + 1 .. rows + inserted()}. */
  public int inserted() {
    return inserted;
  }

  public TableRows rows() {
    return rows;
  }

  /** The status the {@code n}-th update of a stream sets. */
  public static String status(long n) {
    return "s" + n;
  }

  private int checkRow(long id) {
    if (id < 1 || id > rows.rows() + inserted) {
      throw new IllegalArgumentException(
          "row " + id + " is outside 1.." + (rows.rows() + inserted));
    }
    return (int) id;
  }
}
