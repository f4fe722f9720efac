/**
 * The one generator of kup update streams ({@link dev.kup.localkit.stream.UpdateGenerator}):
 * deterministic from a seed, chained versions per row, rows drawn uniformly or Zipf-skewed
 * ({@link dev.kup.localkit.stream.KeyDistribution}), optionally a share of upserts inserting new
 * rows, records, JSON values and Kafka keys as the
 * contract in {@code schemas} defines them. The demo, the benchmark and the consumer's tests build
 * what only they need (poison records, expected table states) on top of it.
 */
package dev.kup.localkit.stream;
