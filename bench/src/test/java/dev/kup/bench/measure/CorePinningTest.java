package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which processes the pinned mode puts on the database's core. */
class CorePinningTest {

  @Test
  void pinsEveryPostgresProcessAndNothingElse() throws Exception {
    FakeProc proc = new FakeProc();
    proc.put(new ProcStat(1, "postgres", 1, 0, 0, 100));
    proc.put(new ProcStat(2, "postgres", 1, 0, 0, 100));
    proc.put(new ProcStat(3, "java", 1, 0, 0, 100));
    proc.put(new ProcStat(4, "bash", 1, 0, 0, 100));

    assertThat(CorePinning.databasePids(proc, 3)).containsExactly(1L, 2L);
  }
}
