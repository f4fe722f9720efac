package dev.kup.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's Prometheus against a real kup: Debian's {@code prometheus} binary runs the
 * compose file's Prometheus files as mounted, with one change, the kup job's target (the compose
 * service's DNS name becomes the loopback port of a packaged consumer started here, configured
 * with the compose file's kup environment pointed at the test broker and database).
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class PrometheusScrapeIT {
  private static final String PROMETHEUS_CONFIG = "/etc/prometheus/prometheus.yml";
  private static final String TOPIC = "compose-scrape";
  private static final Path LOGS = Path.of("target", "process-logs");

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void prometheusSeesKupUpAndLoadsExactlyTheAlertRules(
      KafkaBroker broker, TestDatabase db, @TempDir Path dir) throws Exception {
    Path prometheusBinary = LocalTool.require("prometheus", "Debian package prometheus");
    Path jar = compose.root().resolve("consumer/target/kup-consumer.jar");
    assertThat(jar).as("built by ./mvnw -pl deploy -am install").exists();
    runInitSql(db);
    int partitions = Integer.parseInt(compose.environment("topics").get("PARTITIONS"));
    broker.createTopic(TOPIC, partitions);
    broker.createTopic(TOPIC + ".dlq", partitions);
    int kupPort = freePort();

    int exitCode;
    JvmProcess kup = JvmProcess.startJar(jar,
        List.of("@" + compose.root().resolve("consumer/jvm.options"), "-Xmx256m"), List.of(),
        consumerEnv(broker, db, kupPort), LOGS.resolve("compose-kup.log"));
    try (PrometheusProcess prometheus = PrometheusProcess.start(prometheusBinary,
        scrapingLoopback(dir.resolve("mounted"), kupPort), dir.resolve("data"), freePort(),
        LOGS.resolve("compose-prometheus.log"))) {
      await("up{job=\"kup\"} == 1").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .failFast("kup or prometheus exited", () -> !kup.isAlive() || !prometheus.isAlive())
          .untilAsserted(() -> assertThat(upOfKupJob(prometheus))
              .containsExactly(Map.entry("127.0.0.1:" + kupPort, "1")));
      assertThat(loadedRules(prometheus)).as(prometheus.logTail(20))
          .containsExactlyInAnyOrderElementsOf(alertsOfTheRulesFile());
      await("every alert rule evaluated").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(ruleHealth(prometheus)).isNotEmpty()
              .allSatisfy((rule, health) -> assertThat(health).as(rule).isEqualTo("ok")));
      // the breaker's series per state and its code, one family: the code is the series without
      // a state label, as a query selects it with state=""
      assertThat(valueBy(prometheus, "kup_circuit_breaker_state{job=\"kup\", state!=\"\"}", "state"))
          .containsOnly(Map.entry("closed", "1"), Map.entry("half_open", "0"),
              Map.entry("open", "0"));
      assertThat(valueBy(prometheus, "kup_circuit_breaker_state{job=\"kup\", state=\"\"}", "job"))
          .containsOnly(Map.entry("kup", "0"));
    } finally {
      kup.sigterm();
      exitCode = kup.waitFor(Duration.ofSeconds(30));
    }
    assertThat(exitCode).as("kup stops cleanly: %s", kup.logTail(20)).isZero();
  }

  /** The compose file's kup environment, pointed at this run's broker, database and port. */
  private Map<String, String> consumerEnv(KafkaBroker broker, TestDatabase db, int port) {
    Map<String, String> env = new HashMap<>(compose.environment("kup"));
    env.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("KUP_DB_URL", db.jdbcUrl());
    putOrRemove(env, "KUP_DB_USER", db.user());
    putOrRemove(env, "KUP_DB_PASSWORD", db.password());
    env.put("KUP_TOPIC", TOPIC);
    env.put("KUP_DLQ_TOPIC", TOPIC + ".dlq");
    env.put("KUP_GROUP_ID", "kup-" + TOPIC);
    env.put("KUP_HTTP_PORT", Integer.toString(port));
    return env;
  }

  /** The compose file's Prometheus files as mounted, the kup job scraping 127.0.0.1:port. */
  private Path scrapingLoopback(Path dir, int kupPort) throws IOException {
    Path config = MountedFiles.inside(MountedFiles.layOut(compose, "prometheus", dir),
        PROMETHEUS_CONFIG);
    ObjectNode root = (ObjectNode) ComposeFile.readYaml(config);
    ObjectNode kupJob = null;
    for (JsonNode job : root.path("scrape_configs")) {
      if (job.path("job_name").asText().equals("kup")) {
        kupJob = (ObjectNode) job;
      }
    }
    assertThat(kupJob).as("job kup in " + PROMETHEUS_CONFIG).isNotNull();
    assertThat(kupJob.remove("dns_sd_configs")).as("the kup job's DNS discovery").isNotNull();
    ArrayNode staticConfigs = kupJob.putArray("static_configs");
    staticConfigs.addObject().putArray("targets").add("127.0.0.1:" + kupPort);
    ComposeFile.YAML.writeValue(config.toFile(), root);
    return config;
  }

  private void runInitSql(TestDatabase db) throws IOException, SQLException {
    String sql = Files.readString(compose.mountSource("postgres",
        "/docker-entrypoint-initdb.d/init.sql"));
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Map<String, String> upOfKupJob(PrometheusProcess prometheus) {
    Map<String, String> up = new HashMap<>();
    for (JsonNode series : prometheus.query("up{job=\"kup\"}").path("result")) {
      up.put(series.path("metric").path("instance").asText(), series.path("value").get(1).asText());
    }
    return up;
  }

  /** Each series of {@code query} as its {@code label}'s value and the series' value. */
  private static Map<String, String> valueBy(PrometheusProcess prometheus, String query,
      String label) {
    Map<String, String> values = new HashMap<>();
    for (JsonNode series : prometheus.query(query).path("result")) {
      values.put(series.path("metric").path(label).asText(), series.path("value").get(1).asText());
    }
    return values;
  }

  private static Map<String, String> ruleHealth(PrometheusProcess prometheus) {
    Map<String, String> health = new HashMap<>();
    for (JsonNode group : prometheus.rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        health.put(rule.path("name").asText(), rule.path("health").asText());
      }
    }
    return health;
  }

  /** Every loaded rule as {@code type name}, recording rules included, so none hides. */
  private static List<String> loadedRules(PrometheusProcess prometheus) {
    List<String> rules = new ArrayList<>();
    for (JsonNode group : prometheus.rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        rules.add(rule.path("type").asText() + " " + rule.path("name").asText());
      }
    }
    return rules;
  }

  private List<String> alertsOfTheRulesFile() {
    List<String> alerts = new ArrayList<>();
    JsonNode file = ComposeFile.readYaml(compose.root().resolve("dashboards/kup-alerts.yml"));
    for (JsonNode group : file.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.add("alerting " + rule.path("alert").asText());
      }
    }
    assertThat(alerts).isNotEmpty();
    return alerts;
  }

  private static void putOrRemove(Map<String, String> env, String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
