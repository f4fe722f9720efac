package dev.kup.consumer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  @Test
  void onlyAClosedBreakerPassesReadiness() {
    AtomicReference<String> breaker = new AtomicReference<>("CLOSED");
    try (HealthChecks checks = new HealthChecks(() -> true, () -> true, breaker::get, Map::of, () -> { })) {
      assertThat(checks.readiness().get("breaker")).isNull();
      breaker.set("OPEN");
      assertThat(checks.readiness().get("breaker")).isEqualTo("circuit breaker is open");
      breaker.set("HALF_OPEN");
      assertThat(checks.readiness().get("breaker")).contains("half-open");
    }
  }

  @Test
  void theDatabaseIsNotReadyUntilTheFirstProbeHasRun() {
    try (HealthChecks checks = new HealthChecks(() -> true, () -> false, () -> "CLOSED", Map::of, () -> { })) {
      assertThat(checks.readiness().get("database")).contains("not probed yet");
      assertThat(checks.readiness().get("group")).isEqualTo("not joined the consumer group yet");
      assertThat(checks.readiness().get("loop")).isNull();
    }
  }

  @Test
  void aPartitionThatCannotProgressFailsReadinessNamingItAndWhy() {
    AtomicReference<Map<String, String>> problems = new AtomicReference<>(Map.of());
    try (HealthChecks checks = new HealthChecks(() -> true, () -> true, () -> "CLOSED", problems::get, () -> { })) {
      assertThat(checks.readiness().get("partitions")).isNull();
      problems.set(new java.util.TreeMap<>(Map.of(
          "updates-1", "stored offset 4 is below the log start 9",
          "updates-3", "no batch committed for 301 s while records wait: backing off after 7 failed deliveries")));

      assertThat(checks.readiness().get("partitions")).isEqualTo(
          "updates-1: stored offset 4 is below the log start 9; updates-3: no batch committed for 301 s"
              + " while records wait: backing off after 7 failed deliveries");
    }
  }
}
