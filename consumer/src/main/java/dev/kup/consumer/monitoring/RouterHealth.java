package dev.kup.consumer.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The router's liveness and readiness, from its Kafka Streams state: live until it stopped or
 * failed, ready only while {@code RUNNING} (a rebalance makes it not ready for a moment, as it
 * processes nothing then). Thread-safe.
 */
public final class RouterHealth implements Health {
  private final Supplier<State> state;

  public RouterHealth(Supplier<State> state) {
    this.state = state;
  }

  @Override
  public boolean live() {
    State now = state.get();
    return now != State.ERROR && now != State.PENDING_ERROR && now != State.NOT_RUNNING;
  }

  @Override
  public Map<String, String> readiness() {
    State now = state.get();
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("streams", now == State.RUNNING ? null : "Kafka Streams is " + now + ", not RUNNING");
    return checks;
  }
}
