package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.TcpProxy;
import java.time.Duration;
import java.util.function.Function;
import org.jooq.DSLContext;

/** A database outage while the service drains, written once and run per database. */
final class DatabaseOutageScenario {
  private DatabaseOutageScenario() {}

  /**
   * Cuts the database while the service drains, checks the breaker opens, readiness and the
   * breaker's metric say so and every partition pauses, restores it, and checks everything
   * applied exactly once with nothing dead-lettered.
   *
   * @param envForTopic the service's environment against the database itself, on a topic
   * @param topic the topic of this run, unique in the test run's broker
   */
  static void run(KafkaBroker broker, DSLContext dsl, int databasePort,
      Function<String, ServiceEnv> envForTopic, String topic) {
    AccountsModel model = new AccountsModel(2_000, 17);
    AccountsModel.createTable(dsl, model.rows());
    try (TcpProxy database = TcpProxy.start("127.0.0.1", databasePort)) {
      ServiceEnv env = ResilienceIT.fastRetries(envForTopic.apply(topic).withDbPort(database.port()));
      broker.createTopic(env.topic(), 6);
      publish(broker, env, model, 5_000);
      try (InProcessService service = InProcessService.start(env)) {
        Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));

        int port = service.service().httpPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> ScrapedMetrics.get(port, "/health/ready").statusCode() == 200);
        database.cut();
        publish(broker, env, model, 5_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.service().breakerState().equals("OPEN"));
        // the health probe runs every second, and the breaker cycles open -> half-open (a probe that
        // waits out the 5 s connection timeout) -> open: wait for each observation, don't sample once
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
          var notReady = ScrapedMetrics.get(port, "/health/ready");
          assertThat(notReady.statusCode()).isEqualTo(503);
          assertThat(notReady.body()).contains("\"database\":{\"status\":\"DOWN\"")
              .contains("\"breaker\":{\"status\":\"DOWN\"");
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> {
          ScrapedMetrics open = ScrapedMetrics.scrape(port);
          return open.sum("kup_circuit_breaker_state", "state", "") == 2
              && open.sum("kup_circuit_breaker_state", "state", "open") == 1;
        });
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() ->
            !service.service().breakerState().equals("CLOSED") && service.service().pausedPartitions() == 6);
        database.restore();

        Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
        assertThat(service.service().breakerState()).isEqualTo("CLOSED");
        await().atMost(Duration.ofSeconds(10)).until(() -> ScrapedMetrics.get(port, "/health/ready").statusCode() == 200);
        ScrapedMetrics metrics = ScrapedMetrics.scrape(port);
        assertThat(metrics.sum("kup_circuit_breaker_state", "state", "closed")).isEqualTo(1);
        assertThat(metrics.sum("kup_dead_letters_total")).isZero();
        assertThat(metrics.sum("batch_update_failed_total")).isPositive();
        assertThat(metrics.sum("kup_records_total", "outcome", "applied")).isEqualTo(10_000);
        assertThat(service.failure()).isEmpty();
      }
    }
    assertThat(model.differences(dsl)).isEmpty();
    assertThat(broker.readAll(topic + ".dlq")).as("nothing dead-lettered because the DB was down").isEmpty();
  }

  private static void publish(KafkaBroker broker, ServiceEnv env, AccountsModel model, int count) {
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, count);
    }
  }
}
