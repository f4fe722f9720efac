package dev.kup.consumer.hostile;

import static org.awaitility.Awaitility.await;

import dev.kup.consumer.InProcessService;
import dev.kup.consumer.ServiceEnv;
import dev.kup.localkit.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The real service, in process, run once over a scenario's stream: it must catch up (consumer
 * lag 0: committed offsets at the log end) within the normal catch-up time without stopping, and
 * then be ready. Failures are collected, not thrown, so one run reports every broken case.
 */
final class ScenarioService {
  /** Generous for a few hundred records; a partition stalled by one record overshoots it. */
  static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final Duration READY = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final KafkaBroker broker;
  private final ServiceEnv env;

  ScenarioService(KafkaBroker broker, ServiceEnv env) {
    this.broker = broker;
    this.env = env.with("KUP_TABLES", HostileTables.ROWS + "," + HostileTables.SMALL)
        .with("KUP_SHUTDOWN_TIMEOUT", "5s"); // a wedged batch must not hold the test for 30 s
  }

  ServiceEnv env() {
    return env;
  }

  void runUntilCaughtUp(SoftAssertions softly) {
    InProcessService service = InProcessService.start(env);
    try {
      if (awaitCaughtUp(service, softly)) {
        awaitReady(service, softly);
      }
      softly.assertThat(service.isRunning()).as("the service is still running after the stream")
          .isTrue();
      softly.assertThat(service.failure()).as("the failure that stopped the service").isEmpty();
    } finally {
      try {
        service.close();
      } catch (RuntimeException e) {
        softly.fail("the service did not stop cleanly: " + e);
      }
    }
  }

  private boolean awaitCaughtUp(InProcessService service, SoftAssertions softly) {
    Map<TopicPartition, Long> end = broker.endOffsets(env.topic());
    try {
      await("consumer lag 0 on " + env.topic()).atMost(CATCH_UP).pollInterval(Duration.ofMillis(250))
          .failFast("the service stopped", () -> !service.isRunning())
          .until(() -> broker.committedOffsets(env.groupId(), env.topic()).equals(end));
      return true;
    } catch (TerminalFailureException e) {
      softly.fail("the service STOPPED before catching up: "
          + service.failure().map(Throwable::toString).orElse("no failure recorded"));
    } catch (ConditionTimeoutException e) {
      softly.fail("consumer lag did not reach 0 within " + CATCH_UP + ": committed "
          + broker.committedOffsets(env.groupId(), env.topic()) + ", log end " + end);
    }
    return false;
  }

  private void awaitReady(InProcessService service, SoftAssertions softly) {
    int port = service.service().httpPort();
    try {
      await("/health/ready 200").atMost(READY).ignoreExceptions()
          .until(() -> status(port, "/health/ready") == 200);
    } catch (ConditionTimeoutException e) {
      softly.fail("/health/ready is not 200 after catch-up: " + body(port, "/health/ready"));
    }
  }

  private static int status(int port, String path) throws Exception {
    return get(port, path).statusCode();
  }

  private static String body(int port, String path) {
    try {
      HttpResponse<String> r = get(port, path);
      return r.statusCode() + " " + r.body();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
