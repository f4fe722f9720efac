package dev.kup.localkit.stream;

import dev.kup.schemas.UpdateRecord;
import java.util.BitSet;

/**
 * A whole stream of an {@link UpdateGenerator} kept for random access, in primitive arrays (17
 * bytes per record, and a bit per record which says whether it inserts), for the benchmark's
 * millions of updates. Update {@code i} is the generator's {@code i}-th. Immutable.
 */
public final class UpdateStream {

  private final String table;
  private final long[] ids;
  private final long[] versions;
  private final byte[] points;
  private final BitSet inserts;
  private final int size;

  private UpdateStream(
      String table, long[] ids, long[] versions, byte[] points, BitSet inserts, int size) {
    this.table = table;
    this.ids = ids;
    this.versions = versions;
    this.points = points;
    this.inserts = inserts;
    this.size = size;
  }

  /**
   * The first {@code updates} updates of {@code new UpdateGenerator(rows, sampler, seed)}.
   *
   * @throws IllegalStateException when the sampler draws a row outside {@code 1..rows}
   */
  public static UpdateStream generate(TableRows rows, int updates, RowSampler sampler, long seed) {
    return generate(rows, updates, sampler, 0, seed);
  }

  /**
   * The first {@code records} records of {@code new UpdateGenerator(rows, sampler, insertShare,
   * seed)}: updates, and inserts of new rows.
   *
   * @throws IllegalStateException when the sampler draws a row outside {@code 1..rows}
   */
  public static UpdateStream generate(
      TableRows rows, int records, RowSampler sampler, double insertShare, long seed) {
    UpdateGenerator generator = new UpdateGenerator(rows, sampler, insertShare, seed);
    long[] ids = new long[records];
    long[] versions = new long[records];
    byte[] points = new byte[records];
    BitSet inserts = new BitSet();
    for (int i = 0; i < records; i++) {
      ChainedUpdate update = generator.next();
      ids[i] = update.id();
      versions[i] = update.version();
      points[i] = (byte) update.points();
      inserts.set(i, update.insert());
    }
    return new UpdateStream(rows.table(), ids, versions, points, inserts, records);
  }

  /** The first {@code count} updates; they are a valid chain on their own. */
  public UpdateStream prefix(int count) {
    if (count < 0 || count > size) {
      throw new IllegalArgumentException("prefix of " + count + " from " + size + " updates");
    }
    return new UpdateStream(table, ids, versions, points, inserts, count);
  }

  public int size() {
    return size;
  }

  public String table() {
    return table;
  }

  public long id(int i) {
    return ids[check(i)];
  }

  /** Whether record {@code i} is the upsert that inserts row {@code id(i)}. */
  public boolean insert(int i) {
    return inserts.get(check(i));
  }

  /**
   * How many records of this stream insert a row: rows {@code rows + 1 .. rows + inserts()} of
   * its {@link TableRows}.
   */
  public int inserts() {
    return inserts.get(0, size).cardinality();
  }

  /** The version row {@code id(i)} must be at for update {@code i} to apply; 0 for an insert. */
  public long version(int i) {
    return versions[check(i)];
  }

  /** What update {@code i} adds to {@code points}. */
  public int points(int i) {
    return points[check(i)];
  }

  /** Update {@code i}. */
  public ChainedUpdate update(int i) {
    return new ChainedUpdate(
        table, id(i), version(i), points(i), UpdateGenerator.status(i), insert(i));
  }

  /** Update {@code i} as a contract record. */
  public UpdateRecord record(int i) {
    return update(i).record();
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("update " + i + " of " + size);
    }
    return i;
  }
}
