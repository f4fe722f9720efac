package dev.kup.bench.data;

import dev.kup.localkit.stream.KeyDistribution;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Which generated stream a phase applies: the key distribution of its updates, and the share of
 * its records that are upserts inserting new rows (0: updates only). Immutable.
 *
 * @param keys how updates draw the loaded rows
 * @param insertShare the share of records that insert a new row, in {@code [0, 1)}
 */
public record BenchStream(KeyDistribution keys, double insertShare) {

  public BenchStream {
    Objects.requireNonNull(keys, "keys");
    if (!(insertShare >= 0 && insertShare < 1)) {
      throw new IllegalArgumentException("insert share must be in [0, 1), was " + insertShare);
    }
  }

  /** The update-only stream of a distribution, as every phase but one applies it. */
  public static BenchStream updates(KeyDistribution keys) {
    return new BenchStream(keys, 0);
  }

  /** For people and the results: {@code uniform}, {@code zipf}, {@code uniform+30% upserts}. */
  public String label() {
    return insertShare == 0 ? keys.label() : keys.label() + "+" + percent() + "% upserts";
  }

  /**
   * For topic, group and log file names: {@code uniform}, {@code zipf}, {@code
   * uniform-upserts30}.
   */
  public String name() {
    return insertShare == 0 ? keys.label() : keys.label() + "-upserts" + percent();
  }

  private String percent() {
    return BigDecimal.valueOf(insertShare).movePointRight(2).stripTrailingZeros().toPlainString();
  }
}
