package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BucketPercentilesTest {

  @Test
  void interpolatesLinearlyInsideTheBucketHoldingTheRank() {
    // 100 observations: 10 up to 1 ms, 40 in (1, 2], 50 in (2, 5]
    NavigableMap<Double, Double> buckets = buckets(0.001, 10, 0.002, 50, 0.005, 100);
    // rank 50 is the last of the (1, 2] bucket
    assertThat(BucketPercentiles.quantile(buckets, 0.5)).isCloseTo(0.002, within(1e-12));
    // rank 30: 20 of 40 into (1, 2] → 1.5 ms
    assertThat(BucketPercentiles.quantile(buckets, 0.3)).isCloseTo(0.0015, within(1e-12));
    // rank 99: 49 of 50 into (2, 5] → 2 + 3 × 0.98 = 4.94 ms
    assertThat(BucketPercentiles.quantile(buckets, 0.99)).isCloseTo(0.00494, within(1e-12));
  }

  @Test
  void startsTheFirstBucketAtZero() {
    NavigableMap<Double, Double> buckets = buckets(0.010, 4, 0.025, 4);
    assertThat(BucketPercentiles.quantile(buckets, 0.5)).isCloseTo(0.005, within(1e-12));
  }

  @Test
  void skipsEmptyBucketsBelowTheRank() {
    NavigableMap<Double, Double> buckets = buckets(0.001, 0, 0.002, 0, 0.005, 0, 0.010, 10);
    assertThat(BucketPercentiles.quantile(buckets, 0.5)).isCloseTo(0.0075, within(1e-12));
  }

  @Test
  void givesTheHighestFiniteBoundForARankInTheInfiniteBucket() {
    NavigableMap<Double, Double> buckets = buckets(1.0, 90, 30.0, 98, Double.POSITIVE_INFINITY,
        100);
    assertThat(BucketPercentiles.quantile(buckets, 0.99)).isEqualTo(30.0);
  }

  @Test
  void isNaNWithoutObservations() {
    assertThat(BucketPercentiles.quantile(buckets(0.001, 0, 0.002, 0), 0.5)).isNaN();
    assertThat(BucketPercentiles.quantile(new TreeMap<>(), 0.5)).isNaN();
  }

  private static NavigableMap<Double, Double> buckets(double... boundThenCount) {
    NavigableMap<Double, Double> buckets = new TreeMap<>();
    for (int i = 0; i < boundThenCount.length; i += 2) {
      buckets.put(boundThenCount[i], boundThenCount[i + 1]);
    }
    return buckets;
  }
}
