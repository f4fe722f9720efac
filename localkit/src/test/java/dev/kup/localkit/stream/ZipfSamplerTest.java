package dev.kup.localkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

  private static final int N = 10_000;
  private static final int DRAWS = 1_000_000;

  @Test
  void givesRankOneTheShareOneOverTheHarmonicNumber() {
    ZipfSampler zipf = new ZipfSampler(N, 1.0);
    double harmonic = 0;
    for (int r = 1; r <= N; r++) {
      harmonic += 1.0 / r;
    }
    assertThat(zipf.probability(1)).isCloseTo(1 / harmonic, within(1e-12));
    assertThat(zipf.probability(10)).isCloseTo(zipf.probability(1) / 10, within(1e-12));
  }

  @Test
  void drawsRanksWithFrequenciesFallingAsOneOverRank() {
    long[] counts = draw(new ZipfSampler(N, 1.0), DRAWS);
    double top = counts[1] / (double) DRAWS;
    assertThat(top).isCloseTo(new ZipfSampler(N, 1.0).probability(1), within(0.003));
    // s = 1: rank 2 half as often as rank 1, rank 10 a tenth
    assertThat(counts[2] / (double) counts[1]).isCloseTo(0.5, within(0.02));
    assertThat(counts[10] / (double) counts[1]).isCloseTo(0.1, within(0.01));
  }

  @Test
  void concentratesUpdatesOnAFewHotRows() {
    long[] counts = draw(new ZipfSampler(N, 1.0), DRAWS);
    long top10 = 0;
    for (int r = 1; r <= 10; r++) {
      top10 += counts[r];
    }
    // H(10) / H(10000) ≈ 2.93 / 9.79 ≈ 0.30: a tenth of a percent of the rows takes 30%
    assertThat(top10 / (double) DRAWS).isCloseTo(0.299, within(0.01));
  }

  @Test
  void staysWithinOneToN() {
    ZipfSampler zipf = new ZipfSampler(5, 1.0);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      assertThat(zipf.next(random)).isBetween(1, 5);
    }
  }

  @Test
  void isUniformWithExponentZero() {
    long[] counts = draw(new ZipfSampler(4, 0.0), 400_000);
    for (int r = 1; r <= 4; r++) {
      assertThat(counts[r] / 400_000.0).isCloseTo(0.25, within(0.005));
    }
  }

  @Test
  void rejectsAnEmptyRange() {
    assertThatThrownBy(() -> new ZipfSampler(0, 1.0)).hasMessageContaining("n must be >= 1");
  }

  private static long[] draw(ZipfSampler zipf, int draws) {
    long[] counts = new long[zipf.size() + 1];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < draws; i++) {
      counts[zipf.next(random)]++;
    }
    return counts;
  }
}
