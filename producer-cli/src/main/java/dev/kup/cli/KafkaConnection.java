package dev.kup.cli;

import dev.kup.schemas.ClientIds;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to Kafka takes, spelled as Kafka's own tools and kcat spell
 * them: {@code --bootstrap-server}/{@code -b} (the plural {@code --bootstrap-servers} kept as an
 * alias) and {@code --command-config}/{@code -F}, a client properties file for security settings.
 */
public final class KafkaConnection {

  @Option(
      names = {"-b", "--bootstrap-server", "--bootstrap-servers"},
      paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers (default: $" + ProducerProperties.BOOTSTRAP_SERVERS_ENV
          + ", else " + ProducerProperties.DEFAULT_BOOTSTRAP_SERVERS + ").")
  String bootstrapServers;

  @Option(
      names = {"-F", "--command-config"},
      paramLabel = "FILE",
      description = "Kafka client properties file (security.protocol, sasl.*, ssl.*); wins over"
          + " KUP_KAFKA_* variables, loses to -X.")
  Path commandConfig;

  /**
   * The properties of {@code --command-config}, empty when not given.
   *
   * @throws IllegalArgumentException when the file cannot be read (its content is never quoted)
   */
  Map<String, String> fileProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    if (commandConfig == null) {
      return properties;
    }
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(commandConfig)) {
      loaded.load(reader);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read --command-config " + commandConfig + ": "
          + e.getClass().getSimpleName());
    }
    loaded.stringPropertyNames().forEach(name -> properties.put(name, loaded.getProperty(name)));
    return properties;
  }

  /**
   * The client configuration, later wins: {@code KUP_BOOTSTRAP_SERVERS} (else localhost:9092),
   * {@code KUP_KAFKA_*}, the {@code --command-config} file, {@code options} ({@code -X}), {@code
   * --bootstrap-server}; with the producer's idempotence fixed ({@link ProducerProperties}) and a
   * {@code client.id} unique to this process unless one is given.
   */
  public Map<String, Object> producerConfig(Map<String, String> env, Map<String, String> options) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put(CommonClientConfigs.CLIENT_ID_CONFIG, ClientIds.of("kup-cli"));
    overrides.putAll(ProducerProperties.fromEnvironment(env));
    overrides.putAll(fileProperties());
    overrides.putAll(options);
    return ProducerProperties.resolve(env, bootstrapServers, overrides);
  }

  /**
   * The same connection as a consumer that joins no group and commits nothing ({@code
   * read_committed}): the producer's settings without the producer-only ones.
   */
  public Map<String, Object> readerConfig(Map<String, String> env, Map<String, String> options) {
    Map<String, Object> config = new HashMap<>(producerConfig(env, options));
    config.keySet().removeIf(k -> ProducerConfig.configNames().contains(k)
        && !ConsumerConfig.configNames().contains(k));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }
}
