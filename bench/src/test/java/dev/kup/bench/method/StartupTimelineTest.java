package dev.kup.bench.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTimelineTest {

  @Test
  void readsEachStepsFirstEventAfterTheProcessStart() {
    Instant started = Instant.parse("2026-12-04T08:57:49.000Z");
    List<String> log = List.of(
        "not json: a JVM warning",
        "{\"@timestamp\":\"2026-12-04T08:57:50.500Z\",\"event.code\":\"DEAD_LETTER_LIMIT\"}",
        "{\"@timestamp\":\"2026-12-04T08:57:51.250Z\",\"event.code\":\"SERVICE_CONFIGURED\"}",
        "{\"@timestamp\":\"2026-12-04T08:57:51.500Z\",\"event.code\":\"PARTITIONS_ASSIGNED\"}",
        "{\"@timestamp\":\"2026-12-04T08:57:52.000Z\",\"event.code\":\"PARTITIONS_POSITIONED\"}",
        "{\"@timestamp\":\"2026-12-04T08:57:59.000Z\",\"event.code\":\"PARTITIONS_ASSIGNED\"}");

    assertThat(StartupTimeline.of(started, log)).containsExactly(
        java.util.Map.entry("firstLogLineSecondsAfterStart", 1.5),
        java.util.Map.entry("configuredSecondsAfterStart", 2.25),
        java.util.Map.entry("assignedSecondsAfterStart", 2.5),
        java.util.Map.entry("positionedSecondsAfterStart", 3.0));
  }
}
