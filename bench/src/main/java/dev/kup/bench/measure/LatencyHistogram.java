package dev.kup.bench.measure;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus histogram: cumulative bucket counts by upper bound ({@code le}, with
 * {@code +Inf} as {@link Double#POSITIVE_INFINITY}), and the {@code _max} gauge Micrometer adds.
 * Immutable.
 *
 * @param cumulative upper bound → observations at or below it
 * @param max the family's {@code _max} sample (Micrometer: the largest value in a decaying window
 *     of about two minutes); NaN when absent
 */
public record LatencyHistogram(NavigableMap<Double, Double> cumulative, double max) {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s+(\\S+)");
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  public LatencyHistogram {
    cumulative = Collections.unmodifiableNavigableMap(new TreeMap<>(cumulative));
  }

  /**
   * Picks the family {@code name} (e.g. {@code kup_end_to_end_latency_seconds}) out of a scrape in
   * the Prometheus text format, summing series that differ in other labels.
   */
  public static LatencyHistogram parse(String scrape, String name) {
    NavigableMap<Double, Double> buckets = new TreeMap<>();
    double max = Double.NaN;
    for (String line : scrape.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.find()) {
        continue;
      }
      double value = Double.parseDouble(sample.group(3));
      if (sample.group(1).equals(name + "_bucket")) {
        Matcher le = LE.matcher(sample.group(2) == null ? "" : sample.group(2));
        if (le.find()) {
          buckets.merge(bound(le.group(1)), value, Double::sum);
        }
      } else if (sample.group(1).equals(name + "_max")) {
        max = Double.isNaN(max) ? value : Math.max(max, value);
      }
    }
    return new LatencyHistogram(buckets, max);
  }

  /** The observations made between {@code earlier} and this scrape; keeps this scrape's max. */
  public LatencyHistogram minus(LatencyHistogram earlier) {
    NavigableMap<Double, Double> difference = new TreeMap<>();
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      double before = earlier.cumulative.getOrDefault(bucket.getKey(), 0.0);
      difference.put(bucket.getKey(), bucket.getValue() - before);
    }
    return new LatencyHistogram(difference, max);
  }

  /**
   * The upper bound of the highest bucket holding an observation: a bound on the largest value
   * of this (difference) histogram, unlike {@code max}, which Micrometer keeps over a window of its
   * own. Infinite when that bucket is {@code +Inf}; NaN without observations.
   */
  public double maxBucketBound() {
    double below = 0;
    double bound = Double.NaN;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() > below) {
        bound = bucket.getKey();
      }
      below = bucket.getValue();
    }
    return bound;
  }

  /** Observations in total (the {@code +Inf} bucket). */
  public double count() {
    return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
  }

  /** The {@code q}-quantile in seconds, interpolated within its bucket: see {@link BucketPercentiles}. */
  public double quantile(double q) {
    return BucketPercentiles.quantile(cumulative, q);
  }

  private static double bound(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }
}
