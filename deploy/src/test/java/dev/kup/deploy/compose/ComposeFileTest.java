package dev.kup.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kup.consumer.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-level docker-compose.yml read statically, plus the local tools that check it without
 * running a container: Compose's own {@code config} and Prometheus' {@code promtool}.
 */
class ComposeFileTest {
  private static final String PROMETHEUS_CONFIG = "/etc/prometheus/prometheus.yml";
  private static final Pattern OVERRIDABLE_IMAGE = Pattern.compile("^\\$\\{([A-Z_]+):-([^}]+)}$");
  /** Which variable overrides each service's image. */
  private static final Map<String, String> IMAGE_VARIABLES = Map.of(
      "kafka", "KAFKA_IMAGE", "topics", "KAFKA_IMAGE", "postgres", "POSTGRES_IMAGE",
      "kup", "KUP_IMAGE", "load", "KUP_IMAGE", "router", "KUP_IMAGE",
      "prometheus", "PROMETHEUS_IMAGE", "grafana", "GRAFANA_IMAGE");

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void composeAcceptsTheFileWithEveryProfile() {
    List<String> command = new ArrayList<>(composeCommand());
    command.addAll(List.of("-f", ComposeFile.FILE, "--profile", "load", "config", "-q"));

    LocalTool.Run run = LocalTool.run(compose.root(), command);

    assertThat(run.exitCode()).as("%s said:%n%s", run.command(), run.output()).isZero();
  }

  @Test
  void kupIsConfiguredOnlyWithSettingsTheServiceReads() {
    Map<String, String> env = compose.environment("kup");

    assertOnlySettings(env);
    assertThat(env).containsEntry("KUP_CREATE_TOPICS", "false");
  }

  @Test
  void theRouterIsASecondServiceOfTheSameImageWithNoDatabaseSettings() {
    Map<String, String> router = compose.environment("router");
    Map<String, String> kup = compose.environment("kup");
    Map<String, String> topics = compose.environment("topics");

    assertOnlySettings(router);
    assertThat(router).containsEntry("KUP_ROLE", "router");
    assertThat(router.keySet()).noneMatch(name -> name.startsWith("KUP_DB_"));
    assertThat(compose.service("router").path("image").asText())
        .isEqualTo(compose.service("kup").path("image").asText());
    assertThat(router.get("KUP_TOPIC")).as("the router writes what kup reads")
        .isEqualTo(kup.get("KUP_TOPIC"));
    assertThat(router.get("KUP_DLQ_TOPIC")).isEqualTo(kup.get("KUP_DLQ_TOPIC"));
    assertThat(router.get("KUP_ROUTER_INPUT_TOPICS")).as("its input is created by `topics`")
        .isEqualTo(topics.get("CDC_TOPIC"));
    assertThat(dependsOn("router")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "kafka", "service_healthy", "topics", "service_completed_successfully"));
    assertThat(compose.service("router").path("read_only").asBoolean()).isTrue();
  }

  @Test
  void theRouterKeepsItsStreamsStateOnItsTmpfsAndMapsOnlyTablesKupMayWrite() {
    Map<String, String> router = compose.environment("router");
    List<String> writable = Arrays.asList(compose.environment("kup").get("KUP_TABLES").split(","));

    assertThat(router.get("KUP_KAFKA_STATE_DIR")).as("the only writable path is /tmp")
        .startsWith("/tmp/");
    assertThat(compose.service("router").path("tmpfs"))
        .anySatisfy(mount -> assertThat(mount.asText()).isEqualTo("/tmp"));
    assertThat(Arrays.stream(router.get("KUP_ROUTER_SOURCES").split(","))
        .map(pair -> pair.substring(0, pair.indexOf(':')).trim()).toList())
        .isNotEmpty().allSatisfy(table -> assertThat(writable).contains(table));
  }

  @Test
  void prometheusScrapesTheRouterUnderAJobOfItsOwn() {
    JsonNode job = scrapeJob("kup-router");

    assertThat(job.path("dns_sd_configs")).singleElement().satisfies(sd -> {
      assertThat(sd.path("names")).singleElement()
          .satisfies(name -> assertThat(name.asText()).isEqualTo("router"));
      assertThat(sd.path("port").asText())
          .isEqualTo(compose.environment("router").get("KUP_HTTP_PORT"));
    });
  }

  private static void assertOnlySettings(Map<String, String> env) {
    Set<String> settings = Arrays.stream(Setting.values()).map(Setting::envName)
        .collect(Collectors.toSet());
    assertThat(env).isNotEmpty();
    assertThat(env.keySet()).allSatisfy(name -> assertThat(
        settings.contains(name) || name.matches("KUP_KAFKA_[A-Z0-9_]+"))
        .as("%s is a Setting or a KUP_KAFKA_* pass-through", name).isTrue());
  }

  @Test
  void everyBindMountedFileIsInTheRepository() {
    List<ComposeFile.BindMount> mounts = compose.serviceNames().stream()
        .flatMap(service -> compose.bindMounts(service).stream()).toList();

    assertThat(mounts).isNotEmpty().allSatisfy(mount ->
        assertThat(mount.source()).as("mounted at %s", mount.target()).exists());
  }

  @Test
  void prometheusConfigAsMountedPassesPromtool(@TempDir Path dir) {
    Path promtool = LocalTool.require("promtool", "Debian package prometheus");
    Path config = MountedFiles.inside(MountedFiles.layOut(compose, "prometheus", dir),
        PROMETHEUS_CONFIG);

    LocalTool.Run run = LocalTool.run(dir,
        List.of(promtool.toString(), "check", "config", config.toString()));

    assertThat(run.exitCode()).as("%s said:%n%s", run.command(), run.output()).isZero();
    assertThat(run.output()).contains("1 rule files found");
  }

  @Test
  void prometheusLoadsTheAlertRulesOfTheDashboardsFolder() {
    JsonNode config = ComposeFile.readYaml(compose.mountSource("prometheus", PROMETHEUS_CONFIG));
    List<String> ruleFiles = new ArrayList<>();
    config.path("rule_files").forEach(file -> ruleFiles.add(file.asText()));

    assertThat(ruleFiles).hasSize(1);
    // Prometheus resolves a relative rule file against the config file's directory
    String inContainer = Path.of(PROMETHEUS_CONFIG).resolveSibling(ruleFiles.get(0)).toString();
    assertThat(compose.mountSource("prometheus", inContainer))
        .isEqualTo(compose.root().resolve("dashboards/kup-alerts.yml"));
  }

  @Test
  void prometheusScrapesEveryKupReplicaByTheServiceName() {
    JsonNode job = kupScrapeJob();
    String port = compose.environment("kup").get("KUP_HTTP_PORT");

    assertThat(job.path("static_configs").isMissingNode()).isTrue();
    assertThat(job.path("dns_sd_configs")).singleElement().satisfies(sd -> {
      assertThat(sd.path("type").asText()).isEqualTo("A");
      assertThat(sd.path("names")).singleElement()
          .satisfies(name -> assertThat(name.asText()).isEqualTo("kup"));
      assertThat(sd.path("port").asText()).isEqualTo(port);
    });
    assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    assertThat(compose.service("kup").path("ports"))
        .singleElement().satisfies(p -> assertThat(p.asText()).isEqualTo(port));
  }

  @Test
  void kupScalesWithoutNameOrHostPortClashes() {
    JsonNode kup = compose.service("kup");

    assertThat(kup.has("container_name")).as("container_name").isFalse();
    assertThat(kup.path("ports")).allSatisfy(port ->
        assertThat(port.asText()).as("no fixed host port").doesNotContain(":"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kup", "router"})
  void dockerStopWaitsLongerThanTheServicesOwnStopBound(String service) {
    Duration shutdown = Duration.parse("PT" + compose.environment(service)
        .getOrDefault(Setting.SHUTDOWN_TIMEOUT.envName(), Setting.SHUTDOWN_TIMEOUT.defaultValue())
        .toUpperCase(java.util.Locale.ROOT));
    String grace = compose.service(service).path("stop_grace_period").asText();

    assertThat(grace).as("stop_grace_period, in seconds").matches("[0-9]+s");
    // the service finishes its work in hand within the timeout, then takes up to 10 s to close
    assertThat(Duration.ofSeconds(Long.parseLong(grace.replace("s", ""))))
        .isGreaterThan(shutdown.plusSeconds(10));
  }

  @Test
  void everyImageIsOverridableWithAPinnedDefault() {
    assertThat(compose.serviceNames())
        .containsExactlyInAnyOrderElementsOf(IMAGE_VARIABLES.keySet());
    for (String service : compose.serviceNames()) {
      String image = compose.service(service).path("image").asText();
      Matcher matcher = OVERRIDABLE_IMAGE.matcher(image);
      assertThat(matcher.matches()).as("%s image %s is ${VAR:-default}", service, image).isTrue();
      assertThat(matcher.group(1)).as(service).isEqualTo(IMAGE_VARIABLES.get(service));
      String reference = matcher.group(2);
      int colon = reference.lastIndexOf(':');
      String tag = colon < 0 ? "" : reference.substring(colon + 1);
      assertThat(tag).as("%s default %s has a tag", service, reference).isNotEmpty();
      // kup:latest is what the Jib build loads into the local daemon
      if (!matcher.group(1).equals("KUP_IMAGE")) {
        assertThat(tag).as("%s default %s is pinned", service, reference).isNotEqualTo("latest");
      }
    }
  }

  @Test
  void kupStartsAfterItsTopicsAndHealthyServicesAndUsesTheirNames() {
    Map<String, String> kup = compose.environment("kup");
    Map<String, String> topics = compose.environment("topics");
    Map<String, String> postgres = compose.environment("postgres");

    assertThat(dependsOn("kup")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "kafka", "service_healthy", "postgres", "service_healthy",
        "topics", "service_completed_successfully"));
    assertThat(compose.service("kafka").path("healthcheck").path("test").isMissingNode()).isFalse();
    assertThat(compose.service("postgres").path("healthcheck").path("test").isMissingNode())
        .isFalse();
    assertThat(topics.get("TOPIC")).isEqualTo(kup.get("KUP_TOPIC"))
        .isEqualTo(compose.environment("load").get("KUP_TOPIC"));
    assertThat(topics.get("DLQ_TOPIC")).isEqualTo(kup.get("KUP_DLQ_TOPIC"));
    assertThat(topics.get("PARTITIONS")).isEqualTo("6");
    assertThat(kup.get("KUP_DB_URL"))
        .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
    assertThat(kup.get("KUP_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(kup.get("KUP_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
  }

  private Map<String, String> dependsOn(String service) {
    Map<String, String> conditions = new LinkedHashMap<>();
    compose.service(service).path("depends_on").fields().forEachRemaining(e ->
        conditions.put(e.getKey(), e.getValue().path("condition").asText()));
    return conditions;
  }

  private JsonNode kupScrapeJob() {
    return scrapeJob("kup");
  }

  private JsonNode scrapeJob(String name) {
    JsonNode config = ComposeFile.readYaml(compose.mountSource("prometheus", PROMETHEUS_CONFIG));
    for (JsonNode job : config.path("scrape_configs")) {
      if (job.path("job_name").asText().equals(name)) {
        return job;
      }
    }
    throw new AssertionError("no job_name: " + name + " in " + PROMETHEUS_CONFIG);
  }

  /** {@code docker compose} (v2) when the plugin answers, else {@code docker-compose} (v1). */
  private static List<String> composeCommand() {
    if (LocalTool.find("docker").isPresent()) {
      LocalTool.Run version = LocalTool.run(Path.of("."), List.of("docker", "compose", "version"));
      if (version.exitCode() == 0) {
        return List.of("docker", "compose");
      }
    }
    Path v1 = LocalTool.require("docker-compose",
        "neither the docker compose plugin nor Debian's docker-compose is installed");
    return List.of(v1.toString());
  }
}
