package dev.kup.consumer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class RouterHealthTest {
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final RouterHealth health = new RouterHealth(state::get);

  @Test
  void readyOnlyWhileRunningAndLiveUntilItStopsOrFails() {
    assertThat(health.live()).isTrue();
    assertThat(health.readiness().get("streams")).contains("CREATED");

    state.set(State.RUNNING);
    assertThat(health.readiness()).containsEntry("streams", null);

    state.set(State.REBALANCING);
    assertThat(health.live()).isTrue();
    assertThat(health.readiness().get("streams")).contains("REBALANCING");

    state.set(State.ERROR);
    assertThat(health.live()).isFalse();
    state.set(State.NOT_RUNNING);
    assertThat(health.live()).isFalse();
  }
}
