package dev.kup.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.router.TableMapping;
import dev.kup.router.VersionSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_ROLE", "router");
    env.put("KUP_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("KUP_ROUTER_INPUT_TOPICS", "cdc.inventory.orders, legacy-feed");
    return env;
  }

  private static ConfigSource source(Map<String, String> env) {
    return ConfigSource.of(env, Optional.empty());
  }

  @Test
  void needsNoDatabaseAndAppliesTheDocumentedDefaults() {
    RouterConfig config = RouterConfig.from(source(minimal()));

    assertThat(Role.of(source(minimal()))).isEqualTo(Role.ROUTER);
    assertThat(config.inputTopics()).containsExactly("cdc.inventory.orders", "legacy-feed");
    assertThat(config.applicationId()).isEqualTo("kup-router");
    assertThat(config.outputTopic()).isEqualTo("updates");
    assertThat(config.deadLetterTopic()).isEqualTo("updates.dlq");
    assertThat(config.tables()).isEmpty();
    assertThat(config.httpPort()).isEqualTo(8080);
  }

  @Test
  void mapsEachSourceTableWithItsKeysAndVersionField() {
    Map<String, String> env = minimal();
    env.put("KUP_ROUTER_SOURCES", "orders:inventory.orders, order_lines:order_lines, customers:crm.customers");
    env.put("KUP_ROUTER_KEYS", "orders:id,order_lines:order_id+line_no,customers:id");
    env.put("KUP_ROUTER_VERSIONS", "orders:source.lsn,order_lines:ts_ms,customers:rev");

    List<TableMapping> tables = RouterConfig.from(source(env)).tables();

    assertThat(tables).containsExactly(
        new TableMapping("inventory.orders", "orders", List.of("id"), VersionSource.SOURCE_LSN),
        new TableMapping("order_lines", "order_lines", List.of("order_id", "line_no"),
            VersionSource.TS_MS),
        new TableMapping("crm.customers", "customers", List.of("id"), VersionSource.column("rev")));
  }

  @Test
  void aMappedTableWithoutKeysOrVersionFailsNamingTheSetting() {
    Map<String, String> env = minimal();
    env.put("KUP_ROUTER_SOURCES", "orders:inventory.orders");
    env.put("KUP_ROUTER_VERSIONS", "orders:source.lsn");

    assertThatThrownBy(() -> RouterConfig.from(source(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_ROUTER_KEYS").hasMessageContaining("orders");
  }

  @Test
  void keysOrVersionsOfATableWithoutSourceFailNamingTheSetting() {
    Map<String, String> env = minimal();
    env.put("KUP_ROUTER_KEYS", "orders:id");

    assertThatThrownBy(() -> RouterConfig.from(source(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_ROUTER_KEYS").hasMessageContaining("KUP_ROUTER_SOURCES");
  }

  @Test
  void theRouterMustNotReadItsOwnOutput() {
    Map<String, String> env = minimal();
    env.put("KUP_ROUTER_INPUT_TOPICS", "updates");

    assertThatThrownBy(() -> RouterConfig.from(source(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_ROUTER_INPUT_TOPICS");
  }

  @Test
  void inputTopicsAreRequiredAndTheRoleMustBeKnown() {
    Map<String, String> env = minimal();
    env.remove("KUP_ROUTER_INPUT_TOPICS");
    assertThatThrownBy(() -> RouterConfig.from(source(env)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("KUP_ROUTER_INPUT_TOPICS");

    env.put("KUP_ROLE", "applier");
    assertThatThrownBy(() -> Role.of(source(env)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("KUP_ROLE");
    assertThat(Role.of(source(Map.of()))).as("the default role").isEqualTo(Role.CONSUMER);
  }

  @Test
  void secretsInKafkaSettingsAreNotPrinted() {
    Map<String, String> env = minimal();
    env.put("KUP_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule"
        + " required username=\"u\" password=\"hunter2\";");

    assertThat(RouterConfig.from(source(env)).toString()).doesNotContain("hunter2");
  }

  @Test
  void readsKafkaSecretsMountedAsFiles(@TempDir Path dir) throws IOException {
    Map<String, String> env = minimal();
    env.put("KUP_KAFKA_SASL_JAAS_CONFIG_FILE",
        Files.writeString(dir.resolve("jaas"), "router-jaas-secret\r\n").toString());

    RouterConfig config = RouterConfig.from(source(env));

    assertThat(config.kafkaPassThrough()).containsEntry("sasl.jaas.config", "router-jaas-secret");
    assertThat(config.toString()).doesNotContain("router-jaas-secret");
  }
}
