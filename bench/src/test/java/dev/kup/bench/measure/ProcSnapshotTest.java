package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcSnapshotTest {

  @Test
  void readsCpuTicksAfterACommandNameWithSpacesAndPeakRss() {
    String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 51234 0 12 0 350 75 0 0 20 0 40"
        + " 0 123456 4000000000 60000 18446744073709551615";
    String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  262144 kB\nVmRSS:\t  131072 kB\n";
    ProcSnapshot snapshot = ProcSnapshot.parse(stat, status);
    assertThat(snapshot.cpuTicks()).isEqualTo(425);
    assertThat(snapshot.peakRssKib()).isEqualTo(262_144);
    assertThat(snapshot.rssKib()).isEqualTo(131_072);
  }
}
