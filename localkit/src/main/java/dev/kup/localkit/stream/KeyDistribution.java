package dev.kup.localkit.stream;

/** Which row each update goes to: every row alike, or a few hot rows taking most updates. */
public enum KeyDistribution {
  UNIFORM("uniform"),
  /** Zipf with s = 1.0 over the rows; rank r is row id r, so row 1 is the hottest. */
  ZIPF("zipf");

  /** The skew of {@link #ZIPF}. */
  public static final double ZIPF_EXPONENT = 1.0;

  private final String label;

  KeyDistribution(String label) {
    this.label = label;
  }

  /** The short name, as the benchmark's topic names, table and results.json use it. */
  public String label() {
    return label;
  }

  /** Returns a sampler drawing row ids in {@code 1..rows}. */
  public RowSampler sampler(int rows) {
    return switch (this) {
      case UNIFORM -> random -> 1 + random.nextInt(rows);
      case ZIPF -> {
        ZipfSampler zipf = new ZipfSampler(rows, ZIPF_EXPONENT);
        yield zipf::next;
      }
    };
  }
}
