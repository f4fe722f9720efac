package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineTicksTest {

  @Test
  void countsEverythingButIdleAndIowaitAsBusyAndLeavesGuestTimeInUser() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    String procStat =
        "cpu  600 10 200 1000 50 5 15 20 300 7\ncpu0 300 5 100 500 25 3 7 10 150 3\n";
    MachineTicks machine = MachineTicks.parse(procStat);
    assertThat(machine.totalTicks()).isEqualTo(1900);
    assertThat(machine.busyTicks()).isEqualTo(850);
  }

  @Test
  void readsAnOldKernelsShorterLine() {
    MachineTicks machine = MachineTicks.parse("cpu  100 0 50 800 10 0 0\n");
    assertThat(machine.totalTicks()).isEqualTo(960);
    assertThat(machine.busyTicks()).isEqualTo(150);
  }

  @Test
  void refusesTextWithoutTheAggregateCpuLine() {
    assertThatThrownBy(() -> MachineTicks.parse("cpu0 1 2 3 4 5\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu0");
  }
}
