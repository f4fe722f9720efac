package dev.kup.bench.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import org.junit.jupiter.api.Test;

class BatchCountsTest {

  private static final int NO_INFO = Statement.SUCCESS_NO_INFO;

  @Test
  void addsUpRealCountsOfOneRowEach() {
    assertThat(BatchCounts.applied(new int[] {1, 0, 1, 0})).isEqualTo(2);
    assertThat(BatchCounts.applied(new int[0])).isZero();
  }

  @Test
  void saysThereIsNoCountWhenTheDriverGaveNone() {
    assertThat(BatchCounts.applied(new int[] {NO_INFO, NO_INFO})).isEqualTo(WaveWriter.NO_COUNT);
  }

  @Test
  void refusesCountsThatCannotBeOneRowsOrAMix() {
    assertThatThrownBy(() -> BatchCounts.applied(new int[] {1, 2}))
        .hasMessageContaining("update count 2");
    assertThatThrownBy(() -> BatchCounts.applied(new int[] {1, NO_INFO}))
        .hasMessageContaining("1 of 2 counts without info");
  }

  @Test
  void describesRepeatedCountsShortly() {
    assertThat(BatchCounts.describe(new int[] {NO_INFO, NO_INFO, NO_INFO, NO_INFO}))
        .isEqualTo("[-2 ×4]");
    assertThat(BatchCounts.describe(new int[] {1, 0, 1, 0})).isEqualTo("[1, 0, 1, 0]");
  }
}
