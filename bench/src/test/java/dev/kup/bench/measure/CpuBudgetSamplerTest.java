package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuBudgetSamplerTest {

  private static final long BENCH = 10;
  private static final long POSTMASTER = 100;
  private static final long BACKEND = 101;
  private static final long SHELL = 500;

  private final FakeProc proc = new FakeProc();
  private final CpuBudgetSampler sampler =
      new CpuBudgetSampler(WatchedProcesses.database(CpuGroup.POSTGRES, BENCH), proc);

  @Test
  void budgetsTheMachineAndEachWatchedGroupBetweenTheFirstAndTheLastReading() {
    running(0, 0, 0);
    proc.put(process(SHELL, "bash", 1, 500, 0));
    sampler.sample();
    running(30, 12, 0);
    proc.machine = new MachineTicks(150, 200);
    proc.put(process(SHELL, "bash", 1, 900, 0));

    CpuBudget budget = sampler.stop().budget(1_000);

    assertThat(budget.machineBusyCoreSeconds()).isCloseTo(1.5, within(1e-9));
    assertThat(budget.machineCoreSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(budget.of(CpuGroup.BENCH).cpuSeconds()).isCloseTo(0.3, within(1e-9));
    assertThat(budget.of(CpuGroup.POSTGRES).cpuSeconds()).isCloseTo(0.12, within(1e-9));
    assertThat(budget.processes()).containsOnlyKeys("postgres", "bench");
  }

  @Test
  void readsAProcessOfNoGroupOnceWhileItStaysListedAndTheWatchedOnesEveryTime() {
    running(0, 0, 0);
    proc.put(process(SHELL, "bash", 1, 500, 0));

    sampler.sample();
    sampler.sample();
    sampler.sample();

    assertThat(proc.statReads.get(SHELL)).isEqualTo(1);
    assertThat(proc.statReads.get(BENCH)).isGreaterThanOrEqualTo(3);
  }

  @Test
  void rereadsTheParentAfterABackendIsReapedSoTheBackendCountsOnceThroughIt() {
    running(0, 0, 0);
    proc.put(process(BACKEND, "postgres", POSTMASTER, 0, 0));
    sampler.sample();
    running(0, 10, 0);
    proc.put(process(BACKEND, "postgres", POSTMASTER, 40, 0));
    // the postmaster waits for its backend right after the scan read the backend's 40 ticks
    proc.afterStat = pid -> {
      if (pid == BACKEND && proc.processes.containsKey(BACKEND)) {
        proc.processes.remove(BACKEND);
        proc.put(process(POSTMASTER, "postgres", 1, 10, 45));
      }
    };

    CpuTimeline timeline = sampler.stop();

    assertThat(timeline.samples().get(1).of(CpuGroup.POSTGRES))
        .containsExactly(process(POSTMASTER, "postgres", 1, 10, 45));
    assertThat(timeline.budget(1).of(CpuGroup.POSTGRES).cpuSeconds())
        .as("postmaster 10 ticks, the backend's 45 through its cutime, none counted twice")
        .isCloseTo(0.55, within(1e-9));
  }

  @Test
  void takesNoReadingWhenProcCannotBeRead() {
    running(0, 0, 0);
    proc.readable = false;

    sampler.sample();

    assertThat(sampler.stop().samples()).isEmpty();
    assertThat(sampler.stop().budget(1_000)).isNull();
  }

  /** The benchmark JVM and the postmaster, with the CPU ticks they used so far. */
  private void running(long benchTicks, long postmasterTicks, long reapedTicks) {
    proc.put(process(BENCH, "java", 1, benchTicks, 0));
    proc.put(process(POSTMASTER, "postgres", 1, postmasterTicks, reapedTicks));
  }

  private static ProcStat process(long pid, String comm, long ppid, long own, long reaped) {
    return new ProcStat(pid, comm, ppid, own, reaped, pid * 10);
  }
}
