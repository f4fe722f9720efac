package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimelineTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final ClockTicks HUNDRED_PER_SECOND = new ClockTicks(100);

  @Test
  void cutsAWindowMeasuredElsewhereAtTheNearestSamples() {
    CpuTimeline timeline = timeline(6);
    CpuTimeline window = timeline.between(T0.plusMillis(290), T0.plusMillis(710));
    assertThat(window.samples()).extracting(CpuSample::at)
        .containsExactly(T0.plusMillis(200), T0.plusMillis(400), T0.plusMillis(600),
            T0.plusMillis(800));
  }

  @Test
  void keepsTwoSamplesWhenTheWindowIsShorterThanTheInterval() {
    CpuTimeline window = timeline(6).between(T0.plusMillis(1010), T0.plusMillis(1020));
    assertThat(window.samples()).extracting(CpuSample::at)
        .containsExactly(T0.plusMillis(800), T0.plusMillis(1000));
  }

  @Test
  void dividesEachGroupsAndTheMachinesCpuByTheRows() {
    // per 200 ms: machine 40 ticks (2 cores), 30 busy; postgres 12 ticks, bench 2
    CpuBudget budget = timeline(6).budget(50_000);
    assertThat(budget.wallSeconds()).isCloseTo(1.0, within(1e-9));
    assertThat(budget.machineCoreSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(budget.machineBusyCoreSeconds()).isCloseTo(1.5, within(1e-9));
    assertThat(budget.machineBusyMicrosPerRow()).isCloseTo(30.0, within(1e-9));
    assertThat(budget.of(CpuGroup.POSTGRES).cpuSeconds()).isCloseTo(0.6, within(1e-9));
    assertThat(budget.of(CpuGroup.POSTGRES).cpuMicrosPerRow()).isCloseTo(12.0, within(1e-9));
    assertThat(budget.of(CpuGroup.BENCH).cpuSeconds()).isCloseTo(0.1, within(1e-9));
    assertThat(budget.processes()).containsOnlyKeys("kup", "postgres", "broker", "bench");
    assertThat(budget.processes().keySet()).containsExactly("kup", "postgres", "broker", "bench");
  }

  @Test
  void reportsAWatchedGroupWithNoVisibleProcessAsNullAndAnUnwatchedOneNotAtAll() {
    CpuBudget budget = timeline(3).budget(1_000);
    assertThat(budget.watched(CpuGroup.KUP)).isTrue();
    assertThat(budget.of(CpuGroup.KUP)).isNull();
    assertThat(CpuBudget.cpuSeconds(budget, CpuGroup.KUP)).isNull();
    CpuBudget database = new CpuTimeline(timeline(3).samples(),
        EnumSet.of(CpuGroup.POSTGRES, CpuGroup.BENCH), HUNDRED_PER_SECOND).budget(1_000);
    assertThat(database.processes()).containsOnlyKeys("postgres", "bench");
  }

  @Test
  void hasNoBudgetWithFewerThanTwoSamples() {
    assertThat(timeline(1).budget(1_000)).isNull();
  }

  /** Samples every 200 ms from T0; kup is watched but never seen. */
  private static CpuTimeline timeline(int samples) {
    List<CpuSample> list = new java.util.ArrayList<>();
    for (int i = 0; i < samples; i++) {
      list.add(new CpuSample(T0.plusMillis(200L * i), new MachineTicks(1000 + 30L * i,
          5000 + 40L * i), Map.of(
              CpuGroup.POSTGRES, List.of(new ProcStat(1000, "postgres", 1, 12L * i, 0, 10)),
              CpuGroup.BENCH, List.of(new ProcStat(5, "java", 1, 100 + 2L * i, 0, 20)))));
    }
    return new CpuTimeline(list, WatchedProcesses.drain(CpuGroup.POSTGRES, 1, 2, 3L).groups(),
        HUNDRED_PER_SECOND);
  }
}
