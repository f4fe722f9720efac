package dev.kup.demo.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.demo.stack.DemoDatabase;
import dev.kup.demo.stream.StreamPlan;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
  private static final StreamPlan PLAN =
      new StreamPlan(100, 90, Map.of("VERSION_CONFLICT", 4L, "MALFORMED_JSON", 6L), 450);

  @Test
  void aRunThatMatchesThePlanHasNoProblemsAndPrintsEveryReason() {
    DemoSummary summary = summary(90, Map.of("VERSION_CONFLICT", 4L, "MALFORMED_JSON", 6L), 450);

    assertThat(summary.problems(PLAN, 10)).isEmpty();
    assertThat(summary.render())
        .containsPattern("published +100")
        .containsPattern("dead-lettered +10")
        .containsPattern("MALFORMED_JSON +6")
        .containsPattern("throughput +50 records/s")
        .contains("http://127.0.0.1:8080/metrics");
  }

  @Test
  void recordsNeitherAppliedNorDeadLetteredAreReported() {
    DemoSummary summary = summary(90, Map.of("MALFORMED_JSON", 6L), 450);

    assertThat(summary.problems(PLAN, 10))
        .anySatisfy(p -> assertThat(p).contains("applied 90 + dead-lettered 6 = 96, not the 100"))
        .anySatisfy(p -> assertThat(p).contains("dead letters by reason"));
  }

  @Test
  void aTableThatDoesNotMatchTheStreamIsReported() {
    DemoSummary summary = summary(90, Map.of("VERSION_CONFLICT", 4L, "MALFORMED_JSON", 6L), 449);

    assertThat(summary.problems(PLAN, 10)).singleElement().asString().contains("449 points");
  }

  private static DemoSummary summary(long applied, Map<String, Long> deadLetters, long points) {
    return new DemoSummary(100, applied, 4, deadLetters, applied,
        new DemoDatabase.Totals(10, applied, points), Duration.ofSeconds(2),
        "http://127.0.0.1:8080/metrics");
  }
}
