package dev.kup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

  @Test
  void mapsKupKafkaVariablesToLowerCaseDottedProperties() {
    Map<String, String> env =
        Map.of(
            "KUP_KAFKA_SECURITY_PROTOCOL", "SSL",
            "KUP_KAFKA_SASL_JAAS_CONFIG", "x required;",
            "KUP_KAFKA_", "ignored",
            "KUP_TOPIC", "not a producer property",
            "PATH", "/bin");

    assertThat(ProducerProperties.fromEnvironment(env))
        .containsOnly(
            Map.entry("security.protocol", "SSL"), Map.entry("sasl.jaas.config", "x required;"));
  }

  @Test
  void defaultsToLocalhostWithIdempotentDelivery() {
    assertThat(ProducerProperties.resolve(Map.of(), null, Map.of()))
        .containsOnly(
            Map.entry("bootstrap.servers", "localhost:9092"),
            Map.entry("acks", "all"),
            Map.entry("enable.idempotence", "true"));
  }

  @Test
  void takesBootstrapServersFromTheOptionThenPropertiesThenKupBootstrapServers() {
    Map<String, String> env = Map.of("KUP_BOOTSTRAP_SERVERS", "env:1");
    Map<String, String> kafkaEnv =
        Map.of("KUP_BOOTSTRAP_SERVERS", "env:1", "KUP_KAFKA_BOOTSTRAP_SERVERS", "kenv:2");

    assertThat(ProducerProperties.resolve(env, null, Map.of()))
        .containsEntry("bootstrap.servers", "env:1");
    assertThat(ProducerProperties.resolve(kafkaEnv, null, Map.of()))
        .containsEntry("bootstrap.servers", "kenv:2");
    assertThat(ProducerProperties.resolve(kafkaEnv, null, Map.of("bootstrap.servers", "x:3")))
        .containsEntry("bootstrap.servers", "x:3");
    assertThat(ProducerProperties.resolve(kafkaEnv, "opt:4", Map.of("bootstrap.servers", "x:3")))
        .containsEntry("bootstrap.servers", "opt:4");
  }

  @Test
  void letsOptionsWinOverEnvironmentVariables() {
    Map<String, String> env = Map.of("KUP_KAFKA_LINGER_MS", "5", "KUP_KAFKA_CLIENT_ID", "env");

    assertThat(ProducerProperties.resolve(env, null, Map.of("linger.ms", "50")))
        .containsEntry("linger.ms", "50")
        .containsEntry("client.id", "env");
  }

  @Test
  void acceptsTheFixedSettingsGivenWithTheirOwnValues() {
    assertThat(
            ProducerProperties.resolve(
                Map.of(), null, Map.of("acks", "-1", "enable.idempotence", "TRUE")))
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true");
  }

  @Test
  void refusesToWeakenIdempotentDelivery() {
    assertThatThrownBy(() -> ProducerProperties.resolve(Map.of(), null, Map.of("acks", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "producer property 'acks' is fixed to 'all' for idempotent publishing, got '1'");
    assertThatThrownBy(
            () ->
                ProducerProperties.resolve(
                    Map.of("KUP_KAFKA_ENABLE_IDEMPOTENCE", "false"), null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'enable.idempotence'");
  }
}
