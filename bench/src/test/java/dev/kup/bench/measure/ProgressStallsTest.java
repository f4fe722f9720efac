package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressStallsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A sample {@code millis} after T0 with partitions 0 and 1 at the given offsets. */
  private static OffsetSample at(long millis, long p0, long p1) {
    return new OffsetSample(T0.plusMillis(millis), Map.of(0, p0, 1, p1), T0.plusMillis(millis));
  }

  private static Instant t(long millis) {
    return T0.plusMillis(millis);
  }

  @Test
  void anAdvanceIsASampleWhereOneOfThePartitionsMovedOnFromTheSampleBefore() {
    List<OffsetSample> samples = List.of(at(0, 0, 0), at(100, 5, 0), at(200, 5, 0),
        at(300, 5, 7), at(400, 9, 7));
    assertThat(ProgressStalls.advances(samples, Set.of(0, 1)))
        .containsExactly(t(100), t(300), t(400));
    assertThat(ProgressStalls.advances(samples, Set.of(1))).containsExactly(t(300));
  }

  @Test
  void theFirstSampleCountsAsAnAdvanceWhenItAlreadyShowsOffsets() {
    assertThat(ProgressStalls.advances(List.of(at(0, 3, 0)), Set.of(0))).containsExactly(t(0));
  }

  @Test
  void theLongestStallAfterTheJoinCountsAStallThatBeganBeforeItWhole() {
    List<Instant> advances = List.of(t(0), t(3000), t(3100), t(4000), t(4500));
    assertThat(ProgressStalls.longestStall(advances, t(3500)))
        .hasValue(new ProgressStalls.Stall(t(3100), t(4000)));
    assertThat(ProgressStalls.longestStall(advances, t(2000)))
        .hasValue(new ProgressStalls.Stall(t(0), t(3000)));
    assertThat(ProgressStalls.longestStall(advances, t(5000))).isEmpty();
    assertThat(ProgressStalls.longestStall(List.of(t(0)), t(-1))).isEmpty();
  }

  @Test
  void aPartitionIsFollowedOnlyUntilItsBacklogEnded() {
    List<OffsetSample> samples = new ArrayList<>();
    // partition 0 advances every 200 ms and is done at 1 s; partition 1 stalls 1.2 s, then ends
    for (int ms = 0; ms <= 3000; ms += 100) {
      long p0 = Math.min(ms / 200, 5);
      long p1 = ms < 400 ? ms / 100 : (ms < 1600 ? 3 : 3 + (ms - 1500) / 100);
      samples.add(at(ms, p0, p1));
    }
    ProgressStalls.Stall longest =
        ProgressStalls.longestPartitionStall(samples, Set.of(0, 1), t(500)).orElseThrow();
    assertThat(longest).isEqualTo(new ProgressStalls.Stall(t(300), t(1600)));
    assertThat(ProgressStalls.longestPartitionStall(samples, Set.of(0), t(500)).orElseThrow()
        .seconds()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void theTypicalBatchTimeIsTheMedianIntervalOfEachPartitionBeforeTheJoin() {
    // partition 0 every 200 ms, partition 1 every 400 ms, until 1.6 s; later ones do not count
    List<OffsetSample> samples = new ArrayList<>();
    for (int ms = 0; ms <= 3000; ms += 100) {
      samples.add(at(ms, ms / 200, ms < 1700 ? ms / 400 : 99));
    }
    assertThat(ProgressStalls.medianBatchSeconds(samples, Set.of(0), t(1600)))
        .isCloseTo(0.2, within(1e-9));
    // intervals: eight of 0.2 s (partition 0), four of 0.4 s (partition 1)
    assertThat(ProgressStalls.medianBatchSeconds(samples, Set.of(0, 1), t(1600)))
        .isCloseTo(0.2, within(1e-9));
    assertThat(ProgressStalls.medianBatchSeconds(samples, Set.of(1), t(300))).isNaN();
  }

  @Test
  void theRateBeforeTheJoinCoversTheWindowButNotTheConsumersStart() {
    List<OffsetSample> samples = new ArrayList<>();
    for (int ms = 0; ms <= 5000; ms += 100) {
      long committed = ms < 1000 ? 0 : (ms - 1000) * 10L; // 10,000 records/s from 1 s on
      samples.add(at(ms, committed, 0));
    }
    ProgressStalls.Rate rate = ProgressStalls.rateBefore(samples, t(4050), Duration.ofSeconds(2))
        .orElseThrow();
    assertThat(rate.seconds()).isCloseTo(2.0, within(1e-9));
    assertThat(rate.perSecond()).isCloseTo(10_000, within(1e-6));
    ProgressStalls.Rate young = ProgressStalls.rateBefore(samples, t(2000), Duration.ofSeconds(2))
        .orElseThrow();
    assertThat(young.seconds()).isCloseTo(0.9, within(1e-9)); // from the first progress, 1.1 s
    assertThat(ProgressStalls.rateBefore(samples, t(900), Duration.ofSeconds(2))).isEmpty();
  }

  @Test
  void theFirstAdvanceOfSomePartitionsAfterAMoment() {
    List<OffsetSample> samples = List.of(at(0, 1, 1), at(100, 2, 1), at(200, 2, 1),
        at(300, 2, 4));
    assertThat(ProgressStalls.firstAdvance(samples, Set.of(1), t(50))).hasValue(t(300));
    assertThat(ProgressStalls.firstAdvance(samples, Set.of(0), t(150))).isEmpty();
  }
}
