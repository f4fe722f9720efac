package dev.kup.pipeline.failure;

import java.util.Locale;

/** The states of the {@link InfrastructureBreaker}, with the names and codes its metrics show. */
public enum BreakerState {
  CLOSED(0),
  HALF_OPEN(1),
  OPEN(2);

  private final int code;

  BreakerState(int code) {
    this.code = code;
  }

  /** The value of {@code kup_circuit_breaker_state}: 0 closed, 1 half-open, 2 open. */
  public int code() {
    return code;
  }

  /** The {@code state} label of {@code kup_circuit_breaker_state}: closed, half_open, open. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
