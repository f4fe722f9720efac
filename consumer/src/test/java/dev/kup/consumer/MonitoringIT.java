package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The running service's /metrics and /health against a known mix of records. */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class MonitoringIT {

  @Test
  void countersEqualTheKnownMixAndHealthIsUp(KafkaBroker broker, TestDatabase db) {
    DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    AccountsModel model = new AccountsModel(200);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "monitoring");
    broker.createTopic(env.topic(), 3);
    Random random = new Random(8);
    try (TestPublisher p = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      List<UpdateRecord> good = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        good.add(model.updateOf(1 + random.nextInt(150), 1, "g" + i));
      }
      p.publish(good);
      for (int i = 0; i < 7; i++) { // stale: conflicts
        p.publish(UpdateRecord.update("accounts", Map.of("id", 151L + i), 0).set("status", "stale"));
      }
      for (int i = 0; i < 3; i++) { // missing rows
        p.publish(UpdateRecord.update("accounts", Map.of("id", 10_000L + i), 1).set("status", "x"));
      }
      for (int i = 0; i < 4; i++) { // malformed
        p.publishRaw("accounts:" + i, "{not json");
      }
      for (int i = 0; i < 2; i++) { // not allow-listed
        p.publish(UpdateRecord.update("secrets", Map.of("id", (long) i), 1).set("x", 1L));
      }
      for (int i = 0; i < 2; i++) { // CHECK violation
        p.publish(UpdateRecord.update("accounts", Map.of("id", 160L + i), 1).set("balance", new BigDecimal("-1")));
      }
    }

    try (InProcessService running = InProcessService.start(env)) {
      int port = running.service().httpPort();
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> ScrapedMetrics.get(port, "/health/ready").statusCode() == 200);
      // Kafka's per-partition lag meters are bound a few seconds after the first fetch
      await().atMost(Duration.ofSeconds(15)).until(() ->
          ScrapedMetrics.scrape(port).has("kafka_consumer_fetch_manager_records_lag"));
      ScrapedMetrics m = ScrapedMetrics.scrape(port);

      assertThat(m.sum("kup_records_total", "table", "accounts", "outcome", "applied")).isEqualTo(300);
      assertThat(m.sum("kup_records_total", "table", "accounts", "outcome", "conflict")).isEqualTo(7);
      assertThat(m.sum("kup_records_total", "table", "accounts", "outcome", "not_found")).isEqualTo(3);
      assertThat(m.sum("kup_records_total", "table", "accounts", "outcome", "dead_lettered")).isEqualTo(2);
      assertThat(m.sum("kup_records_total", "table", "none", "outcome", "dead_lettered")).isEqualTo(6);
      assertThat(m.sum("kup_records_total", "outcome", "skipped")).isZero();
      assertThat(m.sum("kup_dead_letters_total", "stage", "conflict", "reason", "VERSION_CONFLICT")).isEqualTo(7);
      assertThat(m.sum("kup_dead_letters_total", "stage", "conflict", "reason", "NOT_FOUND")).isEqualTo(3);
      assertThat(m.sum("kup_dead_letters_total", "stage", "deserialize", "reason", "MALFORMED_JSON")).isEqualTo(4);
      assertThat(m.sum("kup_dead_letters_total", "stage", "validate", "reason", "UNKNOWN_TABLE")).isEqualTo(2);
      assertThat(m.sum("kup_dead_letters_total", "stage", "apply", "reason", "CONSTRAINT_VIOLATION")).isEqualTo(2);
      assertThat(m.sum("kup_dead_letters_total")).isEqualTo(18);
      assertThat(m.sum("batch_update_total")).isPositive()
          .isEqualTo(m.sum("batch_update_duration_seconds_count"));
      assertThat(m.sum("batch_update_failed_total")).isZero();
      assertThat(m.sum("batch_update_duration_seconds_bucket", "le", "30.0"))
          .isEqualTo(m.sum("batch_update_duration_seconds_count"));
      assertThat(m.sum("kup_batch_size_records_sum")).isEqualTo(318);
      assertThat(m.sum("kup_end_to_end_latency_seconds_count")).isEqualTo(318);
      assertThat(m.sum("kup_db_commit_duration_seconds_count")).isEqualTo(m.sum("batch_update_total"));
      assertThat(m.sum("kup_kafka_commit_duration_seconds_count")).isPositive();
      assertThat(m.sum("kup_circuit_breaker_state", "state", "closed")).isEqualTo(1);
      assertThat(m.sum("kup_circuit_breaker_state", "state", "half_open")).isZero();
      assertThat(m.sum("kup_circuit_breaker_state", "state", "open")).isZero();
      assertThat(m.sum("kup_circuit_breaker_state", "state", "")).as("the code").isZero();
      assertThat(m.sum("kup_paused_partitions")).isZero();
      assertThat(m.sum("kup_rebalances_total", "kind", "assigned")).isEqualTo(1);
      assertThat(m.sum("kup_oldest_uncommitted_record_age_seconds", "topic", env.topic())).isZero();
      assertThat(m.sum("kafka_consumer_fetch_manager_records_lag", "topic", env.topic())).isZero();
      assertThat(m.has("hikaricp_connections_active")).isTrue();
      assertThat(m.has("jvm_memory_used_bytes")).isTrue();
      assertThat(m.has("process_cpu_usage")).isTrue();
      assertThat(ScrapedMetrics.get(port, "/health/live").statusCode()).isEqualTo(200);
      assertThat(ScrapedMetrics.get(port, "/health/ready").body()).startsWith("{\"status\":\"UP\"");
      dev.kup.consumer.observability.DashboardNamesCheck.assertAllExposed(m.sampleNames());
    }
  }
}
