package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  private static final String NAME = "kup_end_to_end_latency_seconds";

  @Test
  void readsBucketsAndMaxOfOneFamilyFromAScrape() {
    LatencyHistogram histogram = LatencyHistogram.parse(scrape(3, 8, 10, 0.0042), NAME);
    assertThat(histogram.cumulative()).containsEntry(0.001, 3.0).containsEntry(0.005, 8.0)
        .containsEntry(Double.POSITIVE_INFINITY, 10.0);
    assertThat(histogram.count()).isEqualTo(10.0);
    assertThat(histogram.max()).isEqualTo(0.0042);
  }

  @Test
  void subtractsAnEarlierScrapeBucketByBucket() {
    LatencyHistogram before = LatencyHistogram.parse(scrape(3, 8, 10, 0.004), NAME);
    LatencyHistogram after = LatencyHistogram.parse(scrape(5, 20, 30, 0.009), NAME);
    LatencyHistogram window = after.minus(before);
    assertThat(window.cumulative()).containsEntry(0.001, 2.0).containsEntry(0.005, 12.0)
        .containsEntry(Double.POSITIVE_INFINITY, 20.0);
    assertThat(window.max()).isEqualTo(0.009);
    // rank 10 of 20: 8 of 10 into (1, 5] ms → 4.2 ms
    assertThat(window.quantile(0.5)).isCloseTo(0.0042, within(1e-12));
  }

  @Test
  void boundsTheWindowsMaxByItsHighestNonEmptyBucket() {
    LatencyHistogram before = LatencyHistogram.parse(scrape(3, 8, 10, 0.004), NAME);
    LatencyHistogram after = LatencyHistogram.parse(scrape(5, 20, 20, 2.5), NAME);
    // the window added nothing above 5 ms, whatever the gauge says
    assertThat(after.minus(before).maxBucketBound()).isEqualTo(0.005);
    assertThat(after.max()).isEqualTo(2.5);
  }

  private static String scrape(int le1ms, int le5ms, int total, double max) {
    return "# HELP " + NAME + " Record timestamp to the DB commit of its batch\n"
        + "# TYPE " + NAME + " histogram\n"
        + NAME + "_bucket{le=\"0.001\"} " + le1ms + "\n"
        + NAME + "_bucket{le=\"0.005\"} " + le5ms + "\n"
        + NAME + "_bucket{le=\"+Inf\"} " + total + "\n"
        + NAME + "_count " + total + "\n"
        + NAME + "_sum 0.5\n"
        + "# TYPE " + NAME + "_max gauge\n"
        + NAME + "_max " + max + "\n"
        + "kup_batch_update_duration_seconds_bucket{le=\"0.001\"} 99\n";
  }
}
