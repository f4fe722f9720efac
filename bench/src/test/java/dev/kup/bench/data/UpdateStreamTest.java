package dev.kup.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpdateStreamTest {

  @Test
  void chainsTheVersionsOfEachRowAndTheExpectedStateAgrees() {
    UpdateStream stream = UpdateStream.generate(3, 1_000, KeyDistribution.ZIPF.sampler(3), 7);
    long[] version = {0, 1, 1, 1};
    for (int i = 0; i < stream.size(); i++) {
      assertThat(stream.version(i)).isEqualTo(version[(int) stream.id(i)]++);
      assertThat(stream.increment(i)).isBetween(1, 9);
    }
    ExpectedState expected = ExpectedState.replay(stream, 3);
    for (int id = 1; id <= 3; id++) {
      assertThat(expected.version(id)).isEqualTo(version[id]);
    }
  }

  @Test
  void aPrefixLeavesUntouchedRowsAtTheirInitialState() {
    UpdateStream stream = UpdateStream.generate(1_000, 10, KeyDistribution.UNIFORM.sampler(1_000),
        7);
    ExpectedState none = ExpectedState.replay(stream.prefix(0), 1_000);
    assertThat(none.version(1)).isEqualTo(1);
    assertThat(none.points(1)).isZero();
    assertThat(none.status(1)).isEqualTo(ExpectedState.INITIAL_STATUS);
    ExpectedState all = ExpectedState.replay(stream, 1_000);
    int last = (int) stream.id(9);
    assertThat(all.status(last)).isEqualTo("s9");
  }
}
