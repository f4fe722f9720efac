package dev.kup.bench.report;

import java.util.List;

/**
 * The headline comparisons, each null when either side is missing or did not verify.
 *
 * @param kupOverDbLimit kup (uniform) ÷ the database limit (2 connections)
 * @param kupOverNaive kup (uniform) ÷ the naive consumer
 * @param kupOverJdbcBatch kup (uniform) ÷ the JDBC-batch consumer
 * @param zipfOverUniform kup on Zipf keys ÷ kup on uniform keys
 * @param pinnedKupOverDbLimit the same as {@code kupOverDbLimit}, both measured with PostgreSQL
 *     pinned to core 0 and the rest to the other cores
 * @param upsertsOverUniform kup on the uniform stream with upserts inserting rows ÷ kup on the
 *     update-only uniform stream; null unless {@code --insert-share} was given
 */
public record Ratios(Double kupOverDbLimit, Double kupOverNaive, Double kupOverJdbcBatch,
    Double zipfOverUniform, Double pinnedKupOverDbLimit, Double upsertsOverUniform) {

  /** Appended to the id of a result measured in the pinned mode. */
  public static final String PINNED_SUFFIX = "@pinned";

  public static final String DB_LIMIT = "db-2conn";
  public static final String DB_ONE_CONNECTION = "db-1conn";
  public static final String KUP_UNIFORM = "kup-uniform";
  public static final String KUP_ZIPF = "kup-zipf";
  public static final String KUP_UPSERTS = "kup-uniform-upserts";
  public static final String NAIVE = "naive";
  public static final String JDBC_BATCH = "jdbc-batch";

  public static Ratios of(List<MethodResult> results) {
    return new Ratios(
        ratio(results, KUP_UNIFORM, DB_LIMIT),
        ratio(results, KUP_UNIFORM, NAIVE),
        ratio(results, KUP_UNIFORM, JDBC_BATCH),
        ratio(results, KUP_ZIPF, KUP_UNIFORM),
        ratio(results, KUP_UNIFORM + PINNED_SUFFIX, DB_LIMIT + PINNED_SUFFIX),
        ratio(results, KUP_UPSERTS, KUP_UNIFORM));
  }

  /** {@code id}'s counted rows per second ÷ {@code baseId}'s; null when either is missing. */
  public static Double ratio(List<MethodResult> results, String id, String baseId) {
    Double value = rate(results, id);
    Double base = rate(results, baseId);
    return value == null || base == null || base == 0 ? null : value / base;
  }

  private static Double rate(List<MethodResult> results, String id) {
    return results.stream().filter(r -> r.id().equals(id)).findFirst()
        .map(MethodResult::rowsPerSecond).orElse(null);
  }
}
