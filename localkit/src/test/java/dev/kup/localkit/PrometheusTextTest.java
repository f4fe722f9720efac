package dev.kup.localkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String EXPOSITION = """
      # HELP kup_records_total Records by outcome
      # TYPE kup_records_total counter
      kup_records_total{outcome="applied",table="accounts"} 120.0
      kup_records_total{outcome="applied",table="orders"} 30.0
      kup_records_total{outcome="conflict",table="accounts"} 2.0
      # TYPE batch_update_duration_seconds histogram
      batch_update_duration_seconds_bucket{le="0.1"} 3.0
      batch_update_duration_seconds_count 4.0
      process_cpu_usage 0.25
      jvm_info{version="17.0.15 \\"Debian\\""} 1.0
      """;

  @Test
  void sumsTheSamplesWhoseLabelsInclude() {
    PrometheusText text = PrometheusText.parse(EXPOSITION);

    assertThat(text.sum("kup_records_total")).isEqualTo(152.0);
    assertThat(text.sum("kup_records_total", "outcome", "applied")).isEqualTo(150.0);
    assertThat(text.sum("kup_records_total", "outcome", "applied", "table", "orders")).isEqualTo(30.0);
    assertThat(text.sum("kup_records_total", "outcome", "skipped")).isZero();
    assertThat(text.sum("process_cpu_usage")).isEqualTo(0.25);
  }

  @Test
  void readsLabelValuesWithEscapedQuotes() {
    PrometheusText text = PrometheusText.parse(EXPOSITION);

    assertThat(text.samples()).filteredOn(s -> s.name().equals("jvm_info")).singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("version", "17.0.15 \\\"Debian\\\""));
  }

  @Test
  void tellsFamiliesFromTheSeriesActuallyServed() {
    PrometheusText text = PrometheusText.parse(EXPOSITION);

    assertThat(text.names()).contains("batch_update_duration_seconds",
        "batch_update_duration_seconds_bucket", "kup_records_total");
    assertThat(text.sampleNames()).doesNotContain("batch_update_duration_seconds")
        .contains("batch_update_duration_seconds_count", "process_cpu_usage");
    assertThat(text.has("kup_records_total")).isTrue();
    assertThat(text.has("kup_dead_letters_total")).isFalse();
  }
}
