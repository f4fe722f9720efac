package dev.kup.demo.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

  @Test
  void sumsRecordsByOutcomeOverTablesAndDeadLettersOverStagesAndReasons() {
    String exposition = """
        # HELP kup_records_total Records by final outcome
        # TYPE kup_records_total counter
        kup_records_total{application="kup",outcome="applied",table="accounts"} 120.0
        kup_records_total{application="kup",outcome="applied",table="orders"} 5.0
        kup_records_total{application="kup",outcome="conflict",table="accounts"} 3.0
        kup_records_total{application="kup",outcome="dead_lettered",table="none"} 2.0
        kup_dead_letters_total{application="kup",reason="VERSION_CONFLICT",stage="conflict"} 3.0
        kup_dead_letters_total{application="kup",reason="MALFORMED_JSON",stage="deserialize"} 2.0
        kup_records_totally_different{outcome="applied"} 99.0
        """;

    MetricsScrape.Snapshot snapshot = MetricsScrape.parse(exposition);

    assertThat(snapshot.outcome("applied")).isEqualTo(125);
    assertThat(snapshot.outcome("conflict")).isEqualTo(3);
    assertThat(snapshot.outcome("not_found")).isZero();
    assertThat(snapshot.deadLetters()).isEqualTo(5);
  }
}
