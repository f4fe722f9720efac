package dev.kup.bench.data;

import dev.kup.schemas.UpdateRecord;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * A generated sequence of chained updates of {@code bench_accounts}: update {@code i} goes to row
 * {@code id(i)}, expects the version the row has after all earlier updates of it, sets {@code
 * status} to {@code "s" + i} and adds {@code increment(i)} (1..9) to {@code points}. Held in
 * primitive arrays (17 bytes per update). Immutable.
 */
public final class UpdateStream {

  /** The table every update targets. */
  public static final String TABLE = "bench_accounts";

  private final long[] ids;
  private final long[] versions;
  private final byte[] increments;
  private final int size;

  private UpdateStream(long[] ids, long[] versions, byte[] increments, int size) {
    this.ids = ids;
    this.versions = versions;
    this.increments = increments;
    this.size = size;
  }

  /**
   * Draws {@code updates} updates over rows {@code 1..rows} (all at version 1 at the start).
   *
   * @param keys draws a row id in {@code 1..rows}
   * @param seed makes the stream reproducible
   */
  public static UpdateStream generate(
      int rows, int updates, ToLongFunction<SplittableRandom> keys, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] current = new long[rows + 1];
    Arrays.fill(current, 1);
    long[] ids = new long[updates];
    long[] versions = new long[updates];
    byte[] increments = new byte[updates];
    for (int i = 0; i < updates; i++) {
      long id = keys.applyAsLong(random);
      if (id < 1 || id > rows) {
        throw new IllegalStateException("sampler drew row " + id + " outside 1.." + rows);
      }
      ids[i] = id;
      versions[i] = current[(int) id]++;
      increments[i] = (byte) (1 + random.nextInt(9));
    }
    return new UpdateStream(ids, versions, increments, updates);
  }

  /** The first {@code count} updates; they are a valid chain on their own. */
  public UpdateStream prefix(int count) {
    if (count < 0 || count > size) {
      throw new IllegalArgumentException("prefix of " + count + " from " + size + " updates");
    }
    return new UpdateStream(ids, versions, increments, count);
  }

  public int size() {
    return size;
  }

  public long id(int i) {
    return ids[check(i)];
  }

  /** The version row {@code id(i)} must be at for update {@code i} to apply. */
  public long version(int i) {
    return versions[check(i)];
  }

  public int increment(int i) {
    return increments[check(i)];
  }

  public static String status(int i) {
    return "s" + i;
  }

  /** Update {@code i} as a contract record. */
  public UpdateRecord record(int i) {
    return UpdateRecord.update(TABLE, Map.of("id", id(i)), version(i))
        .set("status", status(i))
        .increment("points", increment(i));
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("update " + i + " of " + size);
    }
    return i;
  }
}
