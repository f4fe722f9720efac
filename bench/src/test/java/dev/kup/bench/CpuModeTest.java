package dev.kup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuModeTest {

  @Test
  void readsOneModeBothOrAList() {
    assertThat(CpuMode.parse("shared")).containsExactly(CpuMode.SHARED);
    assertThat(CpuMode.parse("both")).containsExactly(CpuMode.SHARED, CpuMode.PINNED);
    assertThat(CpuMode.parse("pinned, shared")).containsExactly(CpuMode.SHARED, CpuMode.PINNED);
    assertThatThrownBy(() -> CpuMode.parse("isolated"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'isolated'");
  }

  @Test
  void sharedIsTheDefaultAndTheOptionOrItsVariableChoose() {
    assertThat(BenchOptions.parse(new String[0], Map.of()).cpuModes())
        .containsExactly(CpuMode.SHARED);
    assertThat(BenchOptions.parse(new String[] {"--cpu-modes", "both"}, Map.of()).cpuModes())
        .containsExactlyInAnyOrder(CpuMode.SHARED, CpuMode.PINNED);
    assertThat(BenchOptions.parse(new String[0], Map.of("BENCH_CPU_MODES", "pinned")).cpuModes())
        .containsExactly(CpuMode.PINNED);
  }
}
