package dev.kup.consumer.monitoring;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The service's log events (start, stop, configuration, the router), declared once, as the
 * engine's {@code EngineEvent}: each line carries its event's {@link #marker()}, whose name is the
 * stable code the JSON layout writes as {@code event.code}.
 */
public enum ServiceEvent {
  CONFIG_INVALID,
  STARTUP_WAITING_FOR_DATABASE,
  STARTUP_FAILED,
  DEAD_LETTER_LIMIT,
  SERVICE_CONFIGURED,
  SERVICE_STARTED,
  PROGRESS_SUMMARY,
  SHUTDOWN_REQUESTED,
  SHUTDOWN_TIMEOUT,
  SERVICE_STOPPED,
  FATAL,
  CLOSE_FAILED,
  ROUTER_CONFIGURED,
  ROUTER_STARTED,
  ROUTER_STATE;

  private final Marker marker;

  ServiceEvent() {
    this.marker = MarkerFactory.getMarker(name());
  }

  /** The marker to log this event with; its name is the event's code. */
  public Marker marker() {
    return marker;
  }
}
