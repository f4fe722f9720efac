package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void readsOwnAndReapedChildTicksParentAndStartTimeAfterAnOddCommandName() {
    String stat = "2207 (post gres) (x)) S 1 2207 2207 0 -1 4194560 5000 900 0 0 350 75 1200 34 20"
        + " 0 1 0 123456 230000000 6000 18446744073709551615";
    ProcStat process = ProcStat.parse(stat);
    assertThat(process.pid()).isEqualTo(2207);
    assertThat(process.comm()).isEqualTo("post gres) (x)");
    assertThat(process.ppid()).isEqualTo(1);
    assertThat(process.ownTicks()).isEqualTo(425);
    assertThat(process.reapedChildTicks()).isEqualTo(1234);
    assertThat(process.startTicks()).isEqualTo(123_456);
    assertThat(process.ticks(false)).isEqualTo(425);
    assertThat(process.ticks(true)).isEqualTo(1659);
  }
}
