package dev.kup.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedStateTest {

  @Test
  void agreesWithTheVersionsTheStreamChained() {
    UpdateStream stream = UpdateStream.generate(Dataset.tableRows(3), 1_000,
        KeyDistribution.ZIPF.sampler(3), 7);
    long[] version = {0, 1, 1, 1};
    long[] points = new long[4];
    for (int i = 0; i < stream.size(); i++) {
      assertThat(stream.version(i)).isEqualTo(version[(int) stream.id(i)]++);
      points[(int) stream.id(i)] += stream.points(i);
    }

    ExpectedState expected = ExpectedState.replay(stream, 3);

    for (int id = 1; id <= 3; id++) {
      assertThat(expected.version(id)).isEqualTo(version[id]);
      assertThat(expected.points(id)).isEqualTo(points[id]);
    }
  }

  @Test
  void insertedRowsStartAtVersionOneAndChainOnFromThere() {
    UpdateStream stream = UpdateStream.generate(Dataset.tableRows(3), 1_000,
        KeyDistribution.UNIFORM.sampler(3), 0.3, 7);
    java.util.Map<Long, Long> version = new java.util.HashMap<>(Map.of(1L, 1L, 2L, 1L, 3L, 1L));
    for (int i = 0; i < stream.size(); i++) {
      long id = stream.id(i);
      if (stream.insert(i)) {
        version.put(id, 1L);
      } else {
        assertThat(stream.version(i)).isEqualTo(version.merge(id, 1L, Long::sum) - 1);
      }
    }

    ExpectedState expected = ExpectedState.replay(stream, 3);

    assertThat(expected.rows()).isEqualTo(303);
    for (int id = 1; id <= 303; id++) {
      assertThat(expected.version(id)).as("row %d", id).isEqualTo(version.get((long) id));
    }
    assertThat(expected.status(4)).isNotEqualTo(ExpectedState.INITIAL_STATUS);
    assertThat(ExpectedState.replay(stream.prefix(10), 3).rows()).isEqualTo(6);
  }

  @Test
  void aPrefixLeavesUntouchedRowsAtTheirInitialStateAndTheLastUpdateSetsTheStatus() {
    UpdateStream stream = UpdateStream.generate(Dataset.tableRows(1_000), 10,
        KeyDistribution.UNIFORM.sampler(1_000), 7);

    ExpectedState none = ExpectedState.replay(stream.prefix(0), 1_000);
    ExpectedState all = ExpectedState.replay(stream, 1_000);

    assertThat(none.version(1)).isEqualTo(Dataset.FIRST_VERSION);
    assertThat(none.points(1)).isZero();
    assertThat(none.status(1)).isEqualTo(ExpectedState.INITIAL_STATUS);
    assertThat(all.status((int) stream.id(9))).isEqualTo("s9");
  }
}
