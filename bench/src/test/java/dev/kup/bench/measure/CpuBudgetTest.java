package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuBudgetTest {

  @Test
  void addsWindowsUpAndRecomputesTheFiguresPerRow() {
    CpuBudget first = budget(2.0, 100_000, 3.0, 0.8, 0.1);
    CpuBudget second = budget(1.0, 300_000, 1.0, 1.2, 0.3);

    CpuBudget sum = CpuBudget.sum(List.of(first, second));

    assertThat(sum.wallSeconds()).isCloseTo(3.0, within(1e-9));
    assertThat(sum.rows()).isEqualTo(400_000);
    assertThat(sum.machineBusyCoreSeconds()).isCloseTo(4.0, within(1e-9));
    assertThat(sum.machineCoreSeconds()).isCloseTo(6.0, within(1e-9));
    assertThat(sum.machineBusyMicrosPerRow()).isCloseTo(10.0, within(1e-9));
    assertThat(sum.of(CpuGroup.MARIADB).cpuSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(sum.of(CpuGroup.MARIADB).cpuMicrosPerRow()).isCloseTo(5.0, within(1e-9));
    assertThat(sum.processes().keySet()).containsExactly("mariadb", "bench");
  }

  @Test
  void leavesAGroupOutWhenOneWindowCouldNotSeeItAndTheSumWhenOneWindowHasNoBudget() {
    CpuBudget seen = budget(1.0, 10, 1.0, 0.5, 0.1);
    Map<String, CpuBudget.GroupCpu> unseen = new LinkedHashMap<>(seen.processes());
    unseen.put("mariadb", null);
    CpuBudget remote = new CpuBudget(1.0, 10, 1.0, 2.0, 1e5, unseen);

    assertThat(CpuBudget.sum(List.of(seen, remote)).of(CpuGroup.MARIADB)).isNull();
    assertThat(CpuBudget.sum(List.of(seen, remote)).watched(CpuGroup.MARIADB)).isTrue();
    assertThat(CpuBudget.sum(Arrays.asList(seen, null))).isNull();
    assertThat(CpuBudget.sum(List.of())).isNull();
  }

  private static CpuBudget budget(double wall, long rows, double busy, double mariaDb,
      double bench) {
    Map<String, CpuBudget.GroupCpu> processes = new LinkedHashMap<>();
    processes.put("mariadb",
        new CpuBudget.GroupCpu(mariaDb, CpuBudget.microsPerRow(mariaDb, rows)));
    processes.put("bench", new CpuBudget.GroupCpu(bench, CpuBudget.microsPerRow(bench, rows)));
    return new CpuBudget(wall, rows, busy, 2 * wall, CpuBudget.microsPerRow(busy, rows),
        processes);
  }
}
