package dev.kup.bench.measure;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Estimates a quantile from cumulative histogram buckets the way Prometheus's {@code
 * histogram_quantile} does: find the bucket holding the rank {@code q × count} and interpolate
 * linearly between its lower and upper bound (the first bucket starts at 0). A rank in the {@code
 * +Inf} bucket gives the highest finite bound. The result is an estimate whose error is bounded by
 * the bucket's width. Stateless.
 */
public final class BucketPercentiles {

  private BucketPercentiles() {}

  /**
   * @param cumulative upper bound → observations at or below it, ascending; the last bound may be
   *     {@link Double#POSITIVE_INFINITY}
   * @param q the quantile, in [0, 1]
   * @return the estimate, or NaN when there are no observations
   */
  public static double quantile(NavigableMap<Double, Double> cumulative, double q) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("q must be in [0, 1], was " + q);
    }
    if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
      return Double.NaN;
    }
    double rank = q * cumulative.lastEntry().getValue();
    double lowerBound = 0;
    double countBelow = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      double upperBound = bucket.getKey();
      double count = bucket.getValue();
      if (count >= rank && count > countBelow) {
        if (Double.isInfinite(upperBound)) {
          return lowerBound;
        }
        return lowerBound + (upperBound - lowerBound) * (rank - countBelow) / (count - countBelow);
      }
      lowerBound = upperBound;
      countBelow = count;
    }
    return lowerBound;
  }
}
