package dev.kup.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.localkit.stream.KeyDistribution;
import org.junit.jupiter.api.Test;

class BenchStreamTest {

  @Test
  void namesAStreamOfUpsertsByItsShareAndAnUpdateOnlyOneByItsKeys() {
    BenchStream upserts = new BenchStream(KeyDistribution.UNIFORM, 0.3);

    assertThat(upserts.label()).isEqualTo("uniform+30% upserts");
    assertThat(upserts.name()).isEqualTo("uniform-upserts30");
    assertThat(new BenchStream(KeyDistribution.UNIFORM, 0.125).name())
        .isEqualTo("uniform-upserts12.5");
    assertThat(BenchStream.updates(KeyDistribution.ZIPF).label()).isEqualTo("zipf");
    assertThat(BenchStream.updates(KeyDistribution.ZIPF).name()).isEqualTo("zipf");
  }

  @Test
  void refusesAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> new BenchStream(KeyDistribution.UNIFORM, 1))
        .hasMessageContaining("insert share must be in [0, 1)");
  }
}
