package dev.kup.bench.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.bench.data.Dataset;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.util.Arrays;
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

  @Test
  void givesTheWavesOfAGroupOfAStreamAsPositionsInTheStream() {
    UpdateStream stream = UpdateStream.generate(Dataset.tableRows(3), 20,
        KeyDistribution.UNIFORM.sampler(3), 7);
    int[] group = {10, 11, 12, 13, 14, 15};
    List<int[]> waves = StatementWaves.ofUpdates(stream, group);
    long[] ids = Arrays.stream(group).mapToLong(stream::id).toArray();
    List<int[]> expected = StatementWaves.of(ids);
    assertThat(waves).hasSameSizeAs(expected);
    for (int w = 0; w < waves.size(); w++) {
      assertThat(waves.get(w)).containsExactly(
          Arrays.stream(expected.get(w)).map(k -> group[k]).toArray());
    }
  }
}
