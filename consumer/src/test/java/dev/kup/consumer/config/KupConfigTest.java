package dev.kup.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.config.VersionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KupConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("KUP_DB_URL", "jdbc:postgresql://db/app");
    env.put("KUP_TABLES", "accounts, orders");
    return env;
  }

  private static KupConfig config(Map<String, String> env) {
    return KupConfig.from(ConfigSource.of(env, Optional.empty()));
  }

  @Test
  void appliesTheDocumentedDefaults() {
    KupConfig config = config(minimal());

    assertThat(config.pipeline().topic()).isEqualTo("updates");
    assertThat(config.pipeline().deadLetterTopic()).isEqualTo("updates.dlq");
    assertThat(config.pipeline().groupId()).isEqualTo("kup-applier");
    assertThat(config.pipeline().batchLimits().maxRecords()).isEqualTo(5000);
    assertThat(config.pipeline().batchLimits().linger()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.pipeline().tables()).containsExactly(
        TableOptions.withDefaults("accounts"), TableOptions.withDefaults("orders"));
    assertThat(config.createTopics()).isTrue();
    assertThat(config.pipeline().offsetOutOfRange()).isEqualTo(OffsetOutOfRangePolicy.REFUSE);
    assertThat(config.stuckPartitionTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsTheOffsetOutOfRangePolicyAndTheStuckPartitionTimeout() {
    Map<String, String> env = minimal();
    env.put("KUP_OFFSET_OUT_OF_RANGE_POLICY", "Earliest");
    env.put("KUP_STUCK_PARTITION_TIMEOUT", "90s");

    assertThat(config(env).pipeline().offsetOutOfRange()).isEqualTo(OffsetOutOfRangePolicy.EARLIEST);
    assertThat(config(env).stuckPartitionTimeout()).isEqualTo(Duration.ofSeconds(90));
    env.put("KUP_OFFSET_OUT_OF_RANGE_POLICY", "reset");
    assertThatThrownBy(() -> config(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_OFFSET_OUT_OF_RANGE_POLICY must be 'refuse', 'earliest' or 'latest'");
  }

  @Test
  void refusesTheUnnestStrategyForAnH2UrlWhileReadingTheConfiguration() {
    Map<String, String> env = minimal();
    env.put("KUP_DB_URL", "jdbc:h2:file:./kup-data/demo");
    env.put("KUP_APPLY_STRATEGY", "unnest");

    assertThatThrownBy(() -> config(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_APPLY_STRATEGY=unnest needs PostgreSQL");
    env.put("KUP_APPLY_STRATEGY", "auto");
    assertThat(config(env).database().dialect()).isEqualTo(org.jooq.SQLDialect.H2);
  }

  @Test
  void readsPerTableVersionColumnsAndConflictPolicies() {
    Map<String, String> env = minimal();
    env.put("KUP_VERSION_COLUMNS", "orders:rev");
    env.put("KUP_CONFLICT_POLICY", "skip");
    env.put("KUP_CONFLICT_POLICIES", "orders:dlq");

    assertThat(config(env).pipeline().tables()).containsExactly(
        new TableOptions("accounts", "version", ConflictPolicy.SKIP, VersionMode.EXPECTED),
        new TableOptions("orders", "rev", ConflictPolicy.DLQ, VersionMode.EXPECTED));
  }

  @Test
  void readsPerTableVersionModesAndKeepsTheOtherTablesExpected() {
    Map<String, String> env = minimal();
    env.put("KUP_TABLES", "accounts, orders, lines");
    env.put("KUP_VERSION_COLUMNS", "orders:rev");
    env.put("KUP_CONFLICT_POLICIES", "orders:skip");
    env.put("KUP_VERSION_MODES", "orders:External, lines:expected");

    assertThat(config(env).pipeline().tables()).containsExactly(
        TableOptions.withDefaults("accounts"),
        new TableOptions("orders", "rev", ConflictPolicy.SKIP, VersionMode.EXTERNAL),
        TableOptions.withDefaults("lines"));
  }

  @Test
  void refusesAVersionModeForAnUnlistedTableOrAnUnknownMode() {
    Map<String, String> unlisted = minimal();
    unlisted.put("KUP_VERSION_MODES", "invoices:external");
    assertThatThrownBy(() -> config(unlisted)).isInstanceOf(ConfigException.class)
        .hasMessage("KUP_VERSION_MODES: table 'invoices' is not in KUP_TABLES");

    Map<String, String> unknown = minimal();
    unknown.put("KUP_VERSION_MODES", "orders:newest");
    assertThatThrownBy(() -> config(unknown)).isInstanceOf(ConfigException.class)
        .hasMessage("KUP_VERSION_MODES: must be 'expected' or 'external', got 'newest'");

    Map<String, String> malformed = minimal();
    malformed.put("KUP_VERSION_MODES", "external");
    assertThatThrownBy(() -> config(malformed)).isInstanceOf(ConfigException.class)
        .hasMessage("KUP_VERSION_MODES: expected table:value, got 'external'");
  }

  @Test
  void namesTheSettingThatIsMissingOrInvalid() {
    Map<String, String> env = minimal();
    env.remove("KUP_TABLES");
    assertThatThrownBy(() -> config(env)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("KUP_TABLES is required");

    Map<String, String> bad = minimal();
    bad.put("KUP_BATCH_MAX_RECORDS", "lots");
    assertThatThrownBy(() -> config(bad)).hasMessageContaining("KUP_BATCH_MAX_RECORDS");

    Map<String, String> zero = minimal();
    zero.put("KUP_BATCH_MAX_RECORDS", "0");
    assertThatThrownBy(() -> config(zero)).hasMessageContaining("KUP_BATCH_MAX_RECORDS must be > 0");

    Map<String, String> policy = minimal();
    policy.put("KUP_CONFLICT_POLICIES", "nope:skip");
    assertThatThrownBy(() -> config(policy)).hasMessageContaining("KUP_CONFLICT_POLICIES")
        .hasMessageContaining("'nope'");

    Map<String, String> same = minimal();
    same.put("KUP_DLQ_TOPIC", "updates");
    assertThatThrownBy(() -> config(same)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_DLQ_TOPIC must differ from KUP_TOPIC");
  }

  @Test
  void namesBothSettingsOfACombinationThatCannotWork() {
    Map<String, String> memory = minimal();
    memory.put("KUP_BATCH_MAX_BYTES", "2000");
    memory.put("KUP_MAX_IN_FLIGHT_BYTES", "1000");
    assertThatThrownBy(() -> config(memory)).isInstanceOf(ConfigException.class)
        .hasMessage("KUP_MAX_IN_FLIGHT_BYTES must be >= KUP_BATCH_MAX_BYTES");

    Map<String, String> backoff = minimal();
    backoff.put("KUP_RETRY_BACKOFF_INITIAL_MS", "5000");
    backoff.put("KUP_RETRY_BACKOFF_MAX_MS", "1000");
    assertThatThrownBy(() -> config(backoff)).isInstanceOf(ConfigException.class)
        .hasMessage("KUP_RETRY_BACKOFF_MAX_MS must be >= KUP_RETRY_BACKOFF_INITIAL_MS");
  }

  @Test
  void passesKafkaSettingsThroughAndNeverShowsSecrets() {
    Map<String, String> env = minimal();
    env.put("KUP_DB_PASSWORD", "hunter2");
    env.put("KUP_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("KUP_KAFKA_SASL_JAAS_CONFIG", "org.apache...PlainLoginModule password=\"s3cret\";");
    env.put("KUP_DB_URL", "jdbc:postgresql://db/app?user=kup&password=topsecret");

    KupConfig config = config(env);

    assertThat(config.kafkaPassThrough())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsKey("sasl.jaas.config");
    assertThat(config.toString())
        .contains("SASL_SSL")
        .doesNotContain("hunter2").doesNotContain("s3cret").doesNotContain("topsecret");
    env.put("KUP_DB_URL", "jdbc:postgresql://kup:infosecret@db/app?sslpassword=keysecret");
    assertThat(config(env).toString()).doesNotContain("infosecret").doesNotContain("keysecret")
        .contains("jdbc:postgresql://kup:[redacted]@db/app");
  }

  @Test
  void readsAPropertiesFileAndLetsTheEnvironmentOverrideIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("kup.properties");
    Files.writeString(file, """
        kup.bootstrap.servers=file:9092
        kup.db.url=jdbc:postgresql://file/app
        kup.tables=accounts
        kup.batch.max.records=250
        kup.kafka.client.rack=eu-1a
        """);

    KupConfig config = KupConfig.from(ConfigSource.of(
        Map.of("KUP_BOOTSTRAP_SERVERS", "env:9092"), Optional.of(file)));

    assertThat(config.bootstrapServers()).isEqualTo("env:9092");
    assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://file/app");
    assertThat(config.pipeline().batchLimits().maxRecords()).isEqualTo(250);
    assertThat(config.kafkaPassThrough()).containsEntry("client.rack", "eu-1a");
  }

  @Test
  void readsSecretsMountedAsFilesAndNeverPrintsThem(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("db"), "from-a-file\n");
    Files.writeString(dir.resolve("jaas"), "org.example.Login required secret=\"jaas-secret\";\n");
    Map<String, String> env = minimal();
    env.put("KUP_DB_PASSWORD_FILE", dir.resolve("db").toString());
    env.put("KUP_KAFKA_SASL_JAAS_CONFIG_FILE", dir.resolve("jaas").toString());

    KupConfig config = config(env);

    assertThat(config.dbPassword()).isEqualTo("from-a-file");
    assertThat(config.kafkaPassThrough())
        .containsEntry("sasl.jaas.config", "org.example.Login required secret=\"jaas-secret\";")
        .doesNotContainKey("sasl.jaas.config.file");
    assertThat(config.toString()).doesNotContain("from-a-file").doesNotContain("jaas-secret");
  }

  @Test
  void aSecretFileInThePropertiesFileCanBeOverriddenByTheEnvironment(@TempDir Path dir)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("db"), "from-the-properties-file");
    Path file = Files.writeString(dir.resolve("kup.properties"),
        "kup.db.password.file=" + secret + "\n");

    assertThat(KupConfig.from(ConfigSource.of(minimal(), Optional.of(file))).dbPassword())
        .isEqualTo("from-the-properties-file");
    Map<String, String> env = minimal();
    env.put("KUP_DB_PASSWORD", "from-the-environment");
    assertThat(KupConfig.from(ConfigSource.of(env, Optional.of(file))).dbPassword())
        .isEqualTo("from-the-environment");
  }

  @Test
  void aSecretGivenTwiceOrAnUnreadableFileIsAConfigurationErrorThatShowsNoSecret(
      @TempDir Path dir) throws IOException {
    Map<String, String> env = minimal();
    env.put("KUP_DB_PASSWORD", "inline-secret");
    env.put("KUP_DB_PASSWORD_FILE", Files.writeString(dir.resolve("db"), "file-secret").toString());

    assertThatThrownBy(() -> config(env)).isInstanceOf(ConfigException.class)
        .hasMessage("both KUP_DB_PASSWORD and KUP_DB_PASSWORD_FILE are set; set one of them");
    env.remove("KUP_DB_PASSWORD");
    env.put("KUP_DB_PASSWORD_FILE", dir.resolve("missing").toString());
    assertThatThrownBy(() -> config(env)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("KUP_DB_PASSWORD_FILE: cannot read " + dir.resolve("missing"));
  }
}
