package dev.kup.bench.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementWavesTest {

  @Test
  void putsEachRowAtMostOncePerWaveKeepingItsUpdatesInOrder() {
    long[] ids = {7, 8, 7, 9, 7, 8};
    List<int[]> waves = StatementWaves.of(ids);
    assertThat(waves).hasSize(3);
    assertThat(waves.get(0)).containsExactly(0, 1, 3);
    assertThat(waves.get(1)).containsExactly(2, 5);
    assertThat(waves.get(2)).containsExactly(4);
  }

  @Test
  void keepsABatchOfDistinctRowsInOneWaveInRowIdOrder() {
    assertThat(StatementWaves.of(new long[] {3, 1, 2})).singleElement()
        .satisfies(wave -> assertThat(wave).containsExactly(1, 2, 0));
  }

  @Test
  void ordersEachWaveByRowId() {
    long[] ids = {9, 4, 9, 1, 4};
    List<int[]> waves = StatementWaves.of(ids);
    assertThat(waves.get(0)).containsExactly(3, 1, 0);
    assertThat(waves.get(1)).containsExactly(4, 2);
  }
}
