package dev.kup.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import dev.kup.consumer.config.Setting;
import dev.kup.consumer.monitoring.HttpEndpoints;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** helm/kup rendered by Helm and read back through Kubernetes' models. */
class HelmChartTest {
  private static final Map<String, Object> ROUTER_ON = Map.of(
      "router.enabled", true,
      "router.inputTopics", "cdc.inventory.accounts",
      "router.sources", "accounts:inventory.accounts",
      "router.keys", "accounts:id",
      "router.versions", "accounts:source.lsn");
  private static final Map<String, Object> EVERYTHING_ON = with(ROUTER_ON, Map.of(
      "metrics.serviceMonitor.enabled", true,
      "metrics.prometheusRule.enabled", true,
      "metrics.grafanaDashboard.enabled", true,
      "autoscaling.keda.enabled", true,
      "secrets.values.KUP_DB_PASSWORD", "pw-everything-on"));
  private static final Set<String> SETTINGS = Arrays.stream(Setting.values())
      .map(Setting::envName).collect(Collectors.toSet());

  /** Every values set the chart is tested with: defaults, each values file, every option on. */
  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("defaults", null, Map.of()),
        Arguments.of("values-dev.yaml", KupChart.valuesFile("values-dev.yaml"), Map.of()),
        Arguments.of("values-prod.yaml", KupChart.valuesFile("values-prod.yaml"), Map.of()),
        Arguments.of("every option on", null, EVERYTHING_ON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void lintsStrictly(String name, Path valuesFile, Map<String, Object> sets, @TempDir Path dir) {
    LintResult lint = KupChart.lint(valuesFile, dir);

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void rendersOnlyFieldsKubernetesKnows(String name, Path valuesFile, Map<String, Object> sets) {
    RenderedManifests rendered = KupChart.render(valuesFile, sets);

    assertThat(rendered.all()).extracting(o -> o.getKind())
        .contains("Deployment", "ConfigMap", "Service");
  }

  @Test
  void theStrictParseRefusesAMisspelledField() {
    String deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: kup
        spec:
          replcas: 2
          template:
            spec:
              containers:
                - name: kup
                  image: kup
                  readinessProbe:
                    httpGet: {path: /health/ready, port: 8080}
                    periodSecond: 5
        """;

    assertThatThrownBy(() -> RenderedManifests.parse(deployment))
        .hasMessageContaining("spec.replcas")
        .hasMessageContaining("readinessProbe.periodSecond");
  }

  @Test
  void probesAskTheServicesOwnEndpointsOnItsPort() {
    RenderedManifests rendered = KupChart.render(Map.of("httpPort", 9100));
    Container kup = container(rendered.deployment());

    assertThat(kup.getLivenessProbe().getHttpGet().getPath()).isEqualTo(HttpEndpoints.LIVE_PATH);
    assertThat(kup.getReadinessProbe().getHttpGet().getPath()).isEqualTo(HttpEndpoints.READY_PATH);
    assertThat(kup.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(kup.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getContainerPort()).isEqualTo(9100);
    });
    assertThat(configData(rendered)).containsEntry(Setting.HTTP_PORT.envName(), "9100");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void everyKupVariableIsASettingTheServiceReads(String name, Path valuesFile,
      Map<String, Object> sets) {
    RenderedManifests rendered = KupChart.render(valuesFile, sets);
    List<String> names = new ArrayList<>(configData(rendered).keySet());
    rendered.secrets().forEach(secret -> names.addAll(secret.getData().keySet()));
    container(rendered.deployment()).getEnv().forEach(env -> names.add(env.getName()));

    assertThat(names).isNotEmpty().allSatisfy(variable ->
        assertThat(SETTINGS.contains(variable) || variable.startsWith("KUP_KAFKA_"))
            .as("%s is a setting kup reads (Setting or KUP_KAFKA_* pass-through)", variable)
            .isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void noSecretIsEverInAConfigMap(String name, Path valuesFile, Map<String, Object> sets) {
    RenderedManifests rendered = KupChart.render(valuesFile, sets);

    for (ConfigMap map : rendered.configMaps()) {
      assertThat(map.getData().keySet()).noneMatch(HelmChartTest::isSecretSetting);
    }
    for (Secret secret : rendered.secrets()) {
      for (String value : secret.getData().values()) {
        String plain = new String(Base64.getDecoder().decode(value));
        assertThat(rendered.configMaps()).noneMatch(m -> m.getData().containsValue(plain));
      }
    }
  }

  @Test
  void aSecretPutIntoThePlainSettingsFailsTheRender() {
    for (String secret : List.of("KUP_DB_PASSWORD", "KUP_KAFKA_SASL_JAAS_CONFIG",
        "KUP_KAFKA_SSL_KEYSTORE_PASSWORD", "KUP_KAFKA_SSL_KEY_PASSWORD")) {
      assertThatThrownBy(() -> KupChart.render(Map.of("settings." + secret, "s3cret")))
          .as(secret).hasMessageContaining("settings." + secret + " is a secret");
    }
  }

  @Test
  void theDatabasePasswordComesFromTheChartsSecretOrAnExistingOne() {
    RenderedManifests own = KupChart.render(Map.of("secrets.values.KUP_DB_PASSWORD", "pw-1"));
    Secret secret = own.single(Secret.class);
    assertThat(secret.getData()).containsOnlyKeys("KUP_DB_PASSWORD");
    assertThat(secretRefs(own)).containsExactly(secret.getMetadata().getName());

    RenderedManifests existing = KupChart.render(Map.of(
        "secrets.existingSecret", "kup-credentials", "secrets.values.KUP_DB_PASSWORD", "pw-1"));
    assertThat(existing.secrets()).isEmpty();
    assertThat(secretRefs(existing)).containsExactly("kup-credentials");

    assertThat(secretRefs(KupChart.render(Map.of()))).as("nothing secret to read").isEmpty();
  }

  @Test
  void thePrometheusRuleHoldsExactlyTheAlertsOfTheRuleFile() {
    GenericKubernetesResource rule = single(
        KupChart.render(Map.of("metrics.prometheusRule.enabled", true)).custom("PrometheusRule"));
    JsonNode rendered = new ObjectMapper().valueToTree(rule.getAdditionalProperties().get("spec"));
    JsonNode file = KupChart.readYaml(KupChart.REPOSITORY.resolve("dashboards/kup-alerts.yml"));

    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rendered.get("groups")).isEqualTo(file.get("groups"));
    assertThat(rendered.get("groups").get(0).get("rules")).hasSizeGreaterThan(10);
  }

  @Test
  void theGrafanaDashboardIsTheDashboardFile() throws IOException {
    ConfigMap dashboard = KupChart.render(Map.of("metrics.grafanaDashboard.enabled", true))
        .configMaps().stream().filter(m -> m.getData().containsKey("kup.json")).findFirst()
        .orElseThrow();
    ObjectMapper json = new ObjectMapper();

    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(json.readTree(dashboard.getData().get("kup.json")))
        .isEqualTo(json.readTree(KupChart.REPOSITORY.resolve("dashboards/kup.json").toFile()));
  }

  @Test
  void theServiceMonitorScrapesMetricsAsTheJobTheAlertsSelect() {
    RenderedManifests rendered = KupChart.render(Map.of("metrics.serviceMonitor.enabled", true));
    Map<String, Object> spec = spec(single(rendered.custom("ServiceMonitor")));
    Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) spec.get("endpoints")).get(0);
    String jobLabel = (String) spec.get("jobLabel");

    assertThat(endpoint.get("path")).isEqualTo(HttpEndpoints.METRICS_PATH);
    assertThat(endpoint.get("port")).isEqualTo("http");
    assertThat(rendered.all()).filteredOn(o -> o.getKind().equals("Service")).singleElement()
        .satisfies(s -> assertThat(s.getMetadata().getLabels()).containsEntry(jobLabel, "kup"));
  }

  @Test
  void kedaScalesOnTheGroupsLagFromTwoUpToThePartitionCount() {
    RenderedManifests rendered = KupChart.render(Map.of(
        "autoscaling.keda.enabled", true, "kafka.partitions", 12,
        "autoscaling.keda.maxReplicaCount", 12));
    Map<String, Object> spec = spec(single(rendered.custom("ScaledObject")));
    Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec.get("triggers")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");

    assertThat(spec).containsEntry("minReplicaCount", 2).containsEntry("maxReplicaCount", 12);
    assertThat(trigger.get("type")).isEqualTo("kafka");
    assertThat(metadata).containsEntry("consumerGroup", "kup-applier")
        .containsEntry("topic", "updates").containsEntry("lagThreshold", "10000");
    assertThat(((Map<?, ?>) spec.get("scaleTargetRef")).get("name"))
        .isEqualTo(rendered.deployment().getMetadata().getName());
    assertThat(rendered.deployment().getSpec().getReplicas()).as("left to KEDA").isNull();
    assertThat(rendered.ofType(HorizontalPodAutoscaler.class)).isEmpty();
  }

  @Test
  void moreReplicasThanPartitionsFailsTheRender() {
    assertThatThrownBy(() -> KupChart.render(Map.of("autoscaling.keda.enabled", true,
        "kafka.partitions", 6, "autoscaling.keda.maxReplicaCount", 7)))
        .hasMessageContaining("maxReplicaCount (7) is above kafka.partitions (6)");
    assertThatThrownBy(() -> KupChart.render(Map.of("autoscaling.hpa.enabled", true,
        "kafka.partitions", 4)))
        .hasMessageContaining("maxReplicas (6) is above kafka.partitions (4)");
  }

  @Test
  void withoutKedaAnHpaOnCpuOrAFixedReplicaCount() {
    RenderedManifests hpa = KupChart.render(Map.of("autoscaling.hpa.enabled", true));
    HorizontalPodAutoscaler autoscaler = hpa.single(HorizontalPodAutoscaler.class);
    assertThat(autoscaler.getSpec().getMetrics()).singleElement()
        .satisfies(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
    assertThat(hpa.custom("ScaledObject")).isEmpty();
    assertThat(hpa.deployment().getSpec().getReplicas()).isNull();

    RenderedManifests fixed = KupChart.render(Map.of("replicaCount", 3));
    assertThat(fixed.deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(fixed.ofType(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(fixed.custom("ScaledObject")).isEmpty();
  }

  @Test
  void podsRunNonRootOnAReadOnlyRootWithOnlyTmpWritable() {
    RenderedManifests rendered = KupChart.render(Map.of());
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    Container kup = container(rendered.deployment());

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(kup.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(kup.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(kup.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(kup.getVolumeMounts()).singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(kup.getResources().getLimits()).containsKey("memory");
    assertThat(rendered.single(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal())
        .isEqualTo(1);
  }

  @Test
  void theGracePeriodOutlastsTheServicesOwnStopBound() {
    RenderedManifests rendered = KupChart.render(Map.of("shutdownTimeoutSeconds", 45,
        "terminationGracePeriodSeconds", 70));
    Duration shutdown = Duration.parse("PT" + configData(rendered)
        .get(Setting.SHUTDOWN_TIMEOUT.envName()).toUpperCase());

    assertThat(shutdown).isEqualTo(Duration.ofSeconds(45));
    assertThat(rendered.deployment().getSpec().getTemplate().getSpec()
        .getTerminationGracePeriodSeconds()).isGreaterThan(shutdown.plusSeconds(10).toSeconds());
    assertThatThrownBy(() -> KupChart.render(Map.of("shutdownTimeoutSeconds", 45,
        "terminationGracePeriodSeconds", 55)))
        .hasMessageContaining("must exceed shutdownTimeoutSeconds + 10 (55)");
  }

  @Test
  void eachPodNamesItselfInItsKafkaClientIds() {
    EnvVar instance = container(KupChart.render(Map.of()).deployment()).getEnv().stream()
        .filter(e -> e.getName().equals(Setting.INSTANCE_ID.envName())).findFirst().orElseThrow();

    assertThat(instance.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
  }

  @Test
  void aChangedSettingRollsThePods() {
    Map<String, String> before = podAnnotations(KupChart.render(Map.of()));
    Map<String, String> after = podAnnotations(KupChart.render(Map.of("tables", "accounts,orders")));

    assertThat(after.get("checksum/config")).isNotBlank().isNotEqualTo(before.get("checksum/config"));
  }

  @Test
  void theValuesSchemaRefusesAMisspelledKey() {
    assertThatThrownBy(() -> KupChart.render(Map.of("replicaCont", 3)))
        .hasMessageContaining("replicaCont");
    assertThatThrownBy(() -> KupChart.render(Map.of("kafka.partitons", 3)))
        .hasMessageContaining("partitons");
  }

  @Test
  void theChartLinksToTheOneCopyOfTheRulesAndTheDashboard() throws IOException {
    for (String file : List.of("kup-alerts.yml", "kup.json")) {
      Path inChart = KupChart.CHART.resolve("files").resolve(file);
      assertThat(Files.isSymbolicLink(inChart)).as(inChart + " links to dashboards/").isTrue();
      assertThat(inChart.toRealPath())
          .isEqualTo(KupChart.REPOSITORY.resolve("dashboards").resolve(file).toRealPath());
    }
  }

  @Test
  void theRouterIsOffByDefault() {
    RenderedManifests rendered = KupChart.render(Map.of());

    assertThat(rendered.routerDeployment()).isEmpty();
    assertThat(rendered.all()).noneMatch(o -> o.getMetadata().getName().endsWith("-router"));
  }

  @Test
  void theRouterIsASecondDeploymentOfTheSameImageWithNoDatabaseAndItsOwnPods() {
    RenderedManifests rendered = KupChart.render(with(ROUTER_ON, Map.of(
        "secrets.values.KUP_DB_PASSWORD", "pw", "router.existingSecret", "kafka-credentials")));
    Deployment router = rendered.routerDeployment().orElseThrow();
    Container container = container(router);
    Map<String, String> config = rendered.configMaps().stream()
        .filter(m -> m.getMetadata().getName().endsWith("-router")).findFirst().orElseThrow()
        .getData();

    assertThat(container.getImage()).isEqualTo(container(rendered.deployment()).getImage());
    assertThat(config).containsEntry(Setting.ROLE.envName(), "router")
        .containsEntry(Setting.ROUTER_INPUT_TOPICS.envName(), "cdc.inventory.accounts")
        .containsEntry(Setting.ROUTER_VERSIONS.envName(), "accounts:source.lsn");
    assertThat(config.keySet()).noneMatch(name -> name.startsWith("KUP_DB_"))
        .allSatisfy(name -> assertThat(SETTINGS.contains(name) || name.startsWith("KUP_KAFKA_"))
            .as(name).isTrue());
    assertThat(container.getEnvFrom().stream().map(EnvFromSource::getSecretRef)
        .filter(ref -> ref != null).map(ref -> ref.getName()).toList())
        .as("only the router's own (Kafka) secret, never the consumer's database password")
        .containsExactly("kafka-credentials");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo(HttpEndpoints.LIVE_PATH);
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo(HttpEndpoints.READY_PATH);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(router.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(router.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThan(Duration.parse("PT" + config.get(Setting.SHUTDOWN_TIMEOUT.envName())
            .toUpperCase()).plusSeconds(10).toSeconds());
    // no selector of the consumer (Deployment, Service, PDB) may pick the router's pods
    Map<String, String> routerPod = router.getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> consumerSelector =
        rendered.deployment().getSpec().getSelector().getMatchLabels();
    assertThat(routerPod.entrySet().containsAll(consumerSelector.entrySet())).isFalse();
  }

  @Test
  void aRouterWithoutInputTopicsOrWithADatabaseSettingFailsTheRender() {
    assertThatThrownBy(() -> KupChart.render(Map.of("router.enabled", true)))
        .hasMessageContaining("router.inputTopics");
    assertThatThrownBy(() -> KupChart.render(with(ROUTER_ON,
        Map.of("router.settings.KUP_DB_URL", "jdbc:postgresql://db/app"))))
        .hasMessageContaining("the router uses no database");
    assertThatThrownBy(() -> KupChart.render(Map.of("router.inputTopic", "x")))
        .hasMessageContaining("inputTopic");
  }

  private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> both = new java.util.HashMap<>(a);
    both.putAll(b);
    return both;
  }

  private static boolean isSecretSetting(String name) {
    boolean declared = Arrays.stream(Setting.values())
        .anyMatch(s -> s.secret() && s.envName().equals(name));
    return declared || name.matches("KUP_KAFKA_.*(PASSWORD|JAAS|KEY|SECRET|TOKEN|CREDENTIAL).*");
  }

  private static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, String> configData(RenderedManifests rendered) {
    return rendered.configMaps().stream()
        .filter(m -> m.getData().containsKey(Setting.BOOTSTRAP_SERVERS.envName()))
        .findFirst().orElseThrow().getData();
  }

  private static List<String> secretRefs(RenderedManifests rendered) {
    return container(rendered.deployment()).getEnvFrom().stream()
        .map(EnvFromSource::getSecretRef).filter(ref -> ref != null)
        .map(ref -> ref.getName()).toList();
  }

  private static Map<String, String> podAnnotations(RenderedManifests rendered) {
    return rendered.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
