package dev.kup.bench.method;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a kup consumer's start went, read from its ECS log lines: seconds from the process start to
 * its first log line, to its configuration ({@code SERVICE_CONFIGURED}), to its partitions assigned
 * ({@code PARTITIONS_ASSIGNED}) and positioned ({@code PARTITIONS_POSITIONED}). A step the log does
 * not show is left out. Pure.
 */
public final class StartupTimeline {
  /** The steps, as the timings' keys, and the event code that ends each. */
  static final Map<String, String> STEPS = stepsInOrder();

  private StartupTimeline() {}

  /** Seconds after {@code started} at which each step ended, in order. */
  public static Map<String, Double> of(Instant started, List<String> logLines) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String line : logLines) {
      JsonNode event = JsonLogLine.parseOrNull(line);
      if (event == null || !event.hasNonNull("@timestamp")) {
        continue;
      }
      double at = Duration.between(started, Instant.parse(event.get("@timestamp").asText()))
          .toNanos() / 1e9;
      seconds.putIfAbsent("firstLogLineSecondsAfterStart", at);
      String code = event.path("event.code").asText("");
      STEPS.forEach((step, stepCode) -> {
        if (stepCode.equals(code)) {
          seconds.putIfAbsent(step, at);
        }
      });
    }
    return seconds;
  }

  private static Map<String, String> stepsInOrder() {
    Map<String, String> steps = new LinkedHashMap<>();
    steps.put("configuredSecondsAfterStart", "SERVICE_CONFIGURED");
    steps.put("assignedSecondsAfterStart", "PARTITIONS_ASSIGNED");
    steps.put("positionedSecondsAfterStart", "PARTITIONS_POSITIONED");
    return java.util.Collections.unmodifiableMap(steps);
  }
}
