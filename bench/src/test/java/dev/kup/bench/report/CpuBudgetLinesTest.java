package dev.kup.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.bench.measure.CpuBudget;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuBudgetLinesTest {

  @Test
  void showsCoreSecondsAndMicrosPerRowOfEachWatchedGroupAndADashForAnInvisibleOne() {
    Map<String, CpuBudget.GroupCpu> processes = new LinkedHashMap<>();
    processes.put("kup", new CpuBudget.GroupCpu(1.13, 11.3));
    processes.put("postgres", new CpuBudget.GroupCpu(0.89, 8.9));
    processes.put("broker", null);
    processes.put("bench", new CpuBudget.GroupCpu(0.03, 0.3));
    CpuBudget budget = new CpuBudget(1.1, 100_000, 2.15, 2.2, 21.5, processes);
    assertThat(CpuBudgetLines.line("kup uniform", budget)).isEqualTo("kup uniform, 1.1 s,"
        + " 100,000 rows: kup 1.13 (11.3), PostgreSQL 0.89 (8.9), broker —, bench 0.03 (0.3),"
        + " machine busy 2.15 (21.5) of 2.20");
  }
}
