package dev.kup.pipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KupMeterTest {

  @Test
  void theCatalogKeepsThePublicMetricNames() {
    assertThat(Arrays.stream(KupMeter.values()).map(KupMeter::prometheusName)).containsExactly(
        "batch_update_total",
        "batch_update_failed_total",
        "batch_update_duration_seconds",
        "kup_records_total",
        "kup_dead_letters_total",
        "kup_batch_size_records",
        "kup_end_to_end_latency_seconds",
        "kup_db_commit_duration_seconds",
        "kup_kafka_commit_duration_seconds",
        "kup_retries_total",
        "kup_circuit_breaker_state",
        "kup_circuit_breaker_state",
        "kup_paused_partitions",
        "kup_oldest_uncommitted_record_age_seconds",
        "kup_rebalances_total",
        "kup_offset_reset_skipped_records_total");
  }

  @Test
  void tagsStayBounded() {
    assertThat(Arrays.stream(KupMeter.values()).flatMap(m -> m.tags().stream()))
        .allMatch(t -> t.equals("table") || t.equals("stage") || t.equals("reason")
            || t.equals("outcome") || t.equals("topic") || t.equals("partition") || t.equals("kind")
            || t.equals("state"));
  }
}
