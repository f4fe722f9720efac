package dev.kup.consumer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.failure.BreakerState;
import dev.kup.pipeline.metrics.MicrometerPipelineMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What /metrics serves for the breaker: the code, kept, and one series per state. */
class BreakerStateMetricsTest {

  private static List<String> breakerLines(PrometheusMeterRegistry registry) {
    return registry.scrape().lines().filter(l -> l.contains("kup_circuit_breaker_state")).toList();
  }

  @Test
  void theBreakerIsOneSeriesPerStateBesidesItsCode() {
    AtomicReference<BreakerState> state = new AtomicReference<>(BreakerState.OPEN);
    PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    try {
      new MicrometerPipelineMetrics(registry).breakerState(state::get);

      assertThat(breakerLines(registry)).containsExactly(
          "# HELP kup_circuit_breaker_state Infrastructure circuit breaker: without a state label a"
              + " code (0 closed, 1 half-open, 2 open); with one, 1 for the current state and 0"
              + " for the others",
          "# TYPE kup_circuit_breaker_state gauge",
          "kup_circuit_breaker_state{application=\"kup\"} 2.0",
          "kup_circuit_breaker_state{application=\"kup\",state=\"closed\"} 0.0",
          "kup_circuit_breaker_state{application=\"kup\",state=\"half_open\"} 0.0",
          "kup_circuit_breaker_state{application=\"kup\",state=\"open\"} 1.0");
      state.set(BreakerState.HALF_OPEN);
      assertThat(breakerLines(registry)).contains(
          "kup_circuit_breaker_state{application=\"kup\"} 1.0",
          "kup_circuit_breaker_state{application=\"kup\",state=\"closed\"} 0.0",
          "kup_circuit_breaker_state{application=\"kup\",state=\"half_open\"} 1.0",
          "kup_circuit_breaker_state{application=\"kup\",state=\"open\"} 0.0");
    } finally {
      registry.close();
    }
  }
}
