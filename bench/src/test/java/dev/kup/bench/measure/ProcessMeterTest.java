package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessMeterTest {

  private static final long KUP = 42;

  private final FakeProc proc = new FakeProc();

  @Test
  void countsTheCpuBetweenStartAndStopWithTheLastMemoryReading() {
    proc.snapshots.put(KUP, new ProcSnapshot(150, 100 * 1024, 90 * 1024));
    ProcessMeter meter = ProcessMeter.start(KUP, proc);
    proc.snapshots.put(KUP, new ProcSnapshot(400, 300 * 1024, 250 * 1024));

    ProcessUsage usage = meter.stop();

    assertThat(usage.cpuSeconds()).isCloseTo(2.5, within(1e-9));
    assertThat(usage.peakRssMib()).isEqualTo(300.0);
    assertThat(usage.lastRssMib()).isEqualTo(250.0);
    assertThat(usage.cpuOnly()).isEqualTo(new ProcessUsage(2.5, null, null));
  }

  @Test
  void measuresNothingOfAProcessItCannotRead() {
    ProcessMeter meter = ProcessMeter.start(KUP, proc);
    proc.snapshots.put(KUP, new ProcSnapshot(400, 1024, 1024));

    assertThat(meter.stop()).isEqualTo(ProcessUsage.NONE);
  }
}
