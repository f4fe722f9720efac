package dev.kup.bench.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kup.bench.measure.OffsetSample;
import dev.kup.bench.method.AssignmentLog;
import dev.kup.bench.report.RebalanceDip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalanceFiguresTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static String line(long millis, String code, String partitions) {
    return "{\"@timestamp\":\"" + T0.plusMillis(millis) + "\",\"message\":\"partitions: ["
        + partitions + "]\",\"event.code\":\"" + code + "\"}";
  }

  /**
   * Two partitions, a batch each every 200 ms (100 records); the second consumer starts at 2 s,
   * partition 1 moves to it: revoked at 3 s, its first batch there at 4 s. Drained at 5 s.
   */
  @Test
  void measuresThePausesOfTheGroupAndOfTheKeptAndMovedPartitionsInBatches() {
    List<OffsetSample> samples = new ArrayList<>();
    for (int ms = 0; ms <= 5000; ms += 100) {
      long p0 = ms / 200 * 100L;
      long p1 = ms <= 3000 ? ms / 200 * 100L : (ms < 4000 ? 1500 : 1500 + (ms - 3800) / 200 * 100L);
      samples.add(new OffsetSample(T0.plusMillis(ms), Map.of(0, p0, 1, p1), T0.plusMillis(ms)));
    }
    AssignmentLog first = AssignmentLog.parse(List.of(
        line(0, "PARTITIONS_ASSIGNED", "t-0, t-1"),
        line(3000, "PARTITIONS_REVOKED", "t-1"),
        line(3010, "PARTITIONS_ASSIGNED", "")));
    AssignmentLog second = AssignmentLog.parse(List.of(
        line(2500, "PARTITIONS_ASSIGNED", ""),
        line(3900, "PARTITIONS_ASSIGNED", "t-1")));
    RebalanceFigures figures = new RebalanceFigures(samples, T0.plusMillis(2000), first, second);

    RebalanceDip dip = figures.dip(0, 0);

    assertThat(dip.batchSeconds()).isCloseTo(0.2, within(1e-9));
    assertThat(dip.rateBeforeJoin()).isCloseTo(1000, within(1e-6));
    assertThat(dip.groupPauseSeconds()).isCloseTo(0.2, within(1e-9));
    assertThat(dip.keptPauseSeconds()).isCloseTo(0.2, within(1e-9));
    assertThat(dip.movedPauseSeconds()).isCloseTo(1.0, within(1e-9));
    assertThat(dip.movedPauseBatches()).isCloseTo(5.0, within(1e-9));
    assertThat(dip.secondFirstBatchSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(dip.partitionsKept()).isEqualTo(1);
    assertThat(dip.partitionsMoved()).isEqualTo(1);
    assertThat(figures.assignmentTimeline()).isEqualTo("second assigned [] +0.50 s;"
        + " first revoked [1] +1.00 s; first assigned [] +1.01 s; second assigned [1] +1.90 s");
    assertThat(RebalanceDip.of(dip.timings())).isEqualTo(dip);
  }
}
