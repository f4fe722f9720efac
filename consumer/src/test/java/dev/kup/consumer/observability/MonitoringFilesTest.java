package dev.kup.consumer.observability;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kup.consumer.observability.MonitoringFiles.Panel;
import dev.kup.consumer.observability.MonitoringFiles.Query;
import dev.kup.consumer.observability.MonitoringFiles.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules parse, are complete, and read only metrics of the planned
 * contract. The names here are the plan; the service's integration test checks the same files
 * against a live scrape.
 */
class MonitoringFilesTest {
  private enum Type { COUNTER, GAUGE, HISTOGRAM }

  /** The planned contract: family names as the text format's {@code # TYPE} lines spell them. */
  private static final Map<String, Type> PLANNED = Map.ofEntries(
      entry("batch_update_total", Type.COUNTER),
      entry("batch_update_failed_total", Type.COUNTER),
      entry("batch_update_duration_seconds", Type.HISTOGRAM),
      entry("kup_records_total", Type.COUNTER),
      entry("kup_dead_letters_total", Type.COUNTER),
      entry("kup_batch_size_records", Type.HISTOGRAM),
      entry("kup_end_to_end_latency_seconds", Type.HISTOGRAM),
      entry("kup_db_commit_duration_seconds", Type.HISTOGRAM),
      entry("kup_kafka_commit_duration_seconds", Type.HISTOGRAM),
      entry("kup_retries_total", Type.COUNTER),
      entry("kup_circuit_breaker_state", Type.GAUGE),
      entry("kup_paused_partitions", Type.GAUGE),
      entry("kup_oldest_uncommitted_record_age_seconds", Type.GAUGE),
      entry("kup_rebalances_total", Type.COUNTER),
      entry("kup_offset_reset_skipped_records_total", Type.COUNTER),
      entry("kafka_consumer_fetch_manager_records_lag", Type.GAUGE),
      entry("kafka_consumer_fetch_manager_records_lag_max", Type.GAUGE),
      entry("kafka_consumer_fetch_manager_fetch_rate", Type.GAUGE),
      entry("hikaricp_connections_active", Type.GAUGE),
      entry("hikaricp_connections_idle", Type.GAUGE),
      entry("hikaricp_connections_max", Type.GAUGE),
      entry("hikaricp_connections_pending", Type.GAUGE),
      entry("jvm_memory_used_bytes", Type.GAUGE),
      entry("process_cpu_usage", Type.GAUGE));

  /** Served for the queries that already read them; the shipped files read their successors. */
  private static final Set<String> KEPT_FOR_EXISTING_QUERIES = Set.of("kup_circuit_breaker_state");

  private static final Set<String> SEVERITIES = Set.of("warning", "critical");
  private static final String DATA_SOURCE = "${DS_PROMETHEUS}";

  /** The series names the plan exposes: histograms only through their three series. */
  private static Set<String> plannedSeries() {
    Set<String> series = new TreeSet<>();
    PLANNED.forEach((family, type) -> {
      if (type == Type.HISTOGRAM) {
        List.of("_bucket", "_count", "_sum").forEach(suffix -> series.add(family + suffix));
      } else {
        series.add(family);
      }
    });
    return series;
  }

  @Test
  void bothFilesParseAndHoldPanelsAndRules() {
    JsonNode dashboard = MonitoringFiles.dashboard();

    assertThat(dashboard.path("uid").asText()).isEqualTo("kup");
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
    assertThat(MonitoringFiles.dashboardPanels()).hasSizeGreaterThanOrEqualTo(12);
    assertThat(MonitoringFiles.alertRules()).hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void everyDashboardPanelHasAQueryThatReadsAMetric() {
    for (Panel panel : MonitoringFiles.dashboardPanels()) {
      assertThat(panel.queries()).as("queries of panel %s", panel.title()).isNotEmpty();
      for (Query query : panel.queries()) {
        assertThat(PromQlMetricNames.extract(query.expr())).as(query.source()).isNotEmpty();
      }
    }
  }

  @Test
  void everyPanelHasATitleAUnitAndThePrometheusDataSource() {
    for (Panel panel : MonitoringFiles.dashboardPanels()) {
      JsonNode json = panel.json();
      assertThat(panel.title()).as("title of panel %s", json.path("id")).isNotBlank();
      assertThat(json.at("/fieldConfig/defaults/unit").asText()).as("unit of %s", panel.title())
          .isNotBlank();
      assertThat(json.at("/datasource/uid").asText()).as("data source of %s", panel.title())
          .isEqualTo(DATA_SOURCE);
      json.path("targets").forEach(target -> assertThat(target.at("/datasource/uid").asText())
          .as("data source of a target of %s", panel.title()).isEqualTo(DATA_SOURCE));
    }
  }

  @Test
  void panelIdsAreUniqueAndPanelsDoNotOverlap() {
    List<JsonNode> all = new ArrayList<>();
    MonitoringFiles.dashboard().path("panels").forEach(node -> {
      all.add(node);
      node.path("panels").forEach(all::add);
    });
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      JsonNode id = all.get(i).path("id");
      assertThat(ids.add(id.asInt())).as("id %s is unique", id).isTrue();
      for (int j = i + 1; j < all.size(); j++) {
        assertThat(overlap(all.get(i).path("gridPos"), all.get(j).path("gridPos")))
            .as("%s overlaps %s", all.get(i).path("title"), all.get(j).path("title")).isFalse();
      }
    }
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }

  @Test
  void theDataSourceAndTheInstanceAreTemplateVariables() {
    Map<String, String> variables = new HashMap<>();
    MonitoringFiles.dashboard().at("/templating/list").forEach(
        v -> variables.put(v.path("name").asText(), v.path("type").asText()));

    assertThat(variables).containsEntry("DS_PROMETHEUS", "datasource")
        .containsEntry("instance", "query");
    assertThat(MonitoringFiles.dashboardQueries()).extracting(Query::source)
        .contains("kup.json variable instance");
  }

  @Test
  void everyAlertHasForSeverityAndAnnotations() {
    for (Rule rule : MonitoringFiles.alertRules()) {
      assertThat(rule.forDuration()).as("for of %s", rule.name()).matches("\\d+[smh]");
      assertThat(rule.labels().get("severity")).as("severity of %s", rule.name()).isIn(SEVERITIES);
      for (String annotation : List.of("summary", "description", "runbook")) {
        assertThat(rule.annotations().get(annotation)).as("%s of %s", annotation, rule.name())
            .isNotBlank();
      }
      assertThat(PromQlMetricNames.extract(rule.expr())).as("metrics of %s", rule.name())
          .isNotEmpty();
    }
  }

  @Test
  void alertNamesAreUniqueAndSayWhatTheyWatch() {
    List<String> names = MonitoringFiles.alertRules().stream().map(Rule::name).toList();

    assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("Kup[A-Z][A-Za-z]+"));
    assertThat(names).contains("KupConsumerDown", "KupConsumerLagGrowing", "KupConsumerLagHigh",
        "KupDeadLetters", "KupDeadLetterBurst", "KupCircuitBreakerOpen", "KupPartitionStuck",
        "KupBatchFailuresSustained");
  }

  @Test
  void everyMetricNameTheFilesReadIsInThePlannedContract() {
    Set<String> allowed = plannedSeries();
    allowed.addAll(MonitoringFiles.PROMETHEUS_SYNTHETIC);

    Map<String, List<String>> unplanned = MonitoringFiles.metricNameUses().entrySet().stream()
        .filter(use -> !allowed.contains(use.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(unplanned).as("metric names outside the planned contract, with where they are read")
        .isEmpty();
  }

  @Test
  void theDashboardShowsEveryPlannedMetric() {
    Set<String> read = new TreeSet<>();
    MonitoringFiles.dashboardQueries()
        .forEach(query -> read.addAll(PromQlMetricNames.extract(query.expr())));

    Set<String> unshown = new TreeSet<>(PLANNED.keySet());
    unshown.removeAll(KEPT_FOR_EXISTING_QUERIES);
    unshown.removeIf(family -> read.stream().anyMatch(
        name -> MonitoringFiles.isExposed(name, Set.of(family)) && !name.equals("up")));

    assertThat(unshown).as("planned metrics no dashboard panel shows").isEmpty();
  }

  @Test
  void queriesSayWhereTheyComeFromIncludingPanelsInCollapsedRows() {
    assertThat(MonitoringFiles.queries()).extracting(Query::source)
        .anyMatch(source -> source.matches("kup\\.json panel \\d+ \"JVM memory used\" target A"))
        .anyMatch(source -> source.equals("kup-alerts.yml rule KupConsumerDown"));
  }

  @Test
  void histogramSeriesAreExposedThroughTheirFamily() {
    Set<String> families = Set.of("batch_update_duration_seconds", "batch_update_total");
    String histogram = "batch_update_duration_seconds";

    assertThat(MonitoringFiles.isExposed(histogram + "_bucket", families)).isTrue();
    assertThat(MonitoringFiles.isExposed(histogram + "_count", families)).isTrue();
    assertThat(MonitoringFiles.isExposed(histogram + "_sum", families)).isTrue();
    assertThat(MonitoringFiles.isExposed("batch_update_total", families)).isTrue();
  }

  @Test
  void onlyUpIsExposedBeyondTheScrapedFamilies() {
    Set<String> families = Set.of("batch_update_total", "kup_paused_partitions");

    assertThat(MonitoringFiles.isExposed("up", families)).isTrue();
    assertThat(MonitoringFiles.isExposed("scrape_duration_seconds", families)).isFalse();
    assertThat(MonitoringFiles.isExposed("kup_paused_partition", families)).isFalse();
    assertThat(MonitoringFiles.isExposed("kup_paused_partitions_sum_bucket", families)).isFalse();
    assertThat(MonitoringFiles.isExposed("other_bucket", families)).isFalse();
    assertThat(MonitoringFiles.notExposed(Set.of("up", "batch_update_total", "x_sum"), families))
        .containsExactly("x_sum");
  }
}
