package dev.kup.pipeline.log;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The engine's log events, declared once: each line is logged with its event's {@link #marker()},
 * whose name is the stable code the JSON layout writes as {@code event.code} (and the text layout
 * as {@code event.code=...}). The codes are a public contract (log queries, alerts), each one
 * explained in docs/operations.md; the messages are for people and may change.
 */
public enum EngineEvent {
  BATCH_COMMITTED,
  STALE_CHANGE,
  BATCH_RETRY,
  BATCH_ISOLATING,
  BATCH_FAILED,
  BATCH_FENCED,
  BREAKER_OPEN,
  BREAKER_HALF_OPEN,
  BREAKER_CLOSED,
  BREAKER_PROBE_FAILED,
  PARTITIONS_ASSIGNED,
  PARTITIONS_POSITIONED,
  PARTITIONS_REVOKED,
  PARTITIONS_LOST,
  IN_FLIGHT_ABANDONED,
  OFFSET_LOAD_FAILED,
  FETCH_POSITION_INVALID,
  STORED_OFFSET_OUT_OF_RANGE,
  KAFKA_COMMIT_FAILED,
  SHUTDOWN_INCOMPLETE;

  private final Marker marker;

  EngineEvent() {
    this.marker = MarkerFactory.getMarker(name());
  }

  /** The marker to log this event with; its name is the event's code. */
  public Marker marker() {
    return marker;
  }
}
