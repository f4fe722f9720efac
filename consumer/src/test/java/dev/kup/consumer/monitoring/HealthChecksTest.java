package dev.kup.consumer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  @Test
  void onlyAClosedBreakerPassesReadiness() {
    AtomicReference<String> breaker = new AtomicReference<>("CLOSED");
    try (HealthChecks checks = new HealthChecks(() -> true, () -> true, breaker::get, () -> { })) {
      assertThat(checks.readiness().get("breaker")).isNull();
      breaker.set("OPEN");
      assertThat(checks.readiness().get("breaker")).isEqualTo("circuit breaker is open");
      breaker.set("HALF_OPEN");
      assertThat(checks.readiness().get("breaker")).contains("half-open");
    }
  }

  @Test
  void theDatabaseIsNotReadyUntilTheFirstProbeHasRun() {
    try (HealthChecks checks = new HealthChecks(() -> true, () -> false, () -> "CLOSED", () -> { })) {
      assertThat(checks.readiness().get("database")).contains("not probed yet");
      assertThat(checks.readiness().get("group")).isEqualTo("not joined the consumer group yet");
      assertThat(checks.readiness().get("loop")).isNull();
    }
  }
}
