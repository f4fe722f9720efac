package dev.kup.consumer.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Checks the dashboard's and alert rules' metric names against what a live service exposes. */
public final class DashboardNamesCheck {
  private DashboardNamesCheck() {}

  /** Fails naming every metric the monitoring files read that {@code exposed} does not serve. */
  public static void assertAllExposed(Set<String> exposed) {
    Map<String, java.util.List<String>> uses = MonitoringFiles.metricNameUses();
    assertThat(uses).as("the monitoring files read metrics").isNotEmpty();
    Map<String, java.util.List<String>> unknown = new TreeMap<>();
    MonitoringFiles.notExposed(uses.keySet(), exposed).forEach(n -> unknown.put(n, uses.get(n)));
    assertThat(unknown).as("metric names the dashboard or alerts read but the service does not expose")
        .isEmpty();
  }
}
