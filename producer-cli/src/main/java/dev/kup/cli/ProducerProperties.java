package dev.kup.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka producer configuration of {@code kup publish}, from (later wins): the default bootstrap
 * servers ({@value #BOOTSTRAP_SERVERS_ENV}, else {@value #DEFAULT_BOOTSTRAP_SERVERS}); every
 * environment variable {@code KUP_KAFKA_<NAME>} as property {@code <name>} lower-cased with {@code
 * _} → {@code .}; each {@code -X key=value}; {@code --bootstrap-servers}. The idempotent delivery
 * settings are fixed: setting them otherwise is refused.
 */
public final class ProducerProperties {
  static final String BOOTSTRAP_SERVERS_ENV = "KUP_BOOTSTRAP_SERVERS";
  static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  static final String ENV_PREFIX = "KUP_KAFKA_";

  /** Settings that make the producer idempotent: every record written exactly once, in order. */
  static final Map<String, String> FIXED =
      Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

  private ProducerProperties() {}

  /**
   * The producer configuration.
   *
   * @param env the process environment
   * @param bootstrapServers the {@code --bootstrap-servers} option; null when not given
   * @param options the {@code -X} options; may be empty
   * @throws IllegalArgumentException when a fixed setting is given another value
   */
  public static Map<String, Object> resolve(
      Map<String, String> env, String bootstrapServers, Map<String, String> options) {
    Map<String, Object> config = new TreeMap<>();
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        env.getOrDefault(BOOTSTRAP_SERVERS_ENV, DEFAULT_BOOTSTRAP_SERVERS));
    config.putAll(fromEnvironment(env));
    config.putAll(options);
    if (bootstrapServers != null) {
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    FIXED.forEach((name, value) -> config.put(name, fixed(name, value, config.get(name))));
    return config;
  }

  /**
   * {@code KUP_KAFKA_SECURITY_PROTOCOL=SSL} → {@code security.protocol=SSL}, for each such
   * variable.
   */
  public static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> properties = new LinkedHashMap<>();
    env.forEach(
        (variable, value) -> {
          if (variable.startsWith(ENV_PREFIX) && variable.length() > ENV_PREFIX.length()) {
            String name = variable.substring(ENV_PREFIX.length());
            properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    return properties;
  }

  private static String fixed(String name, String value, Object given) {
    if (given == null
        || value.equalsIgnoreCase(given.toString().trim())
        || isAllAcks(name, given)) {
      return value;
    }
    throw new IllegalArgumentException(
        "producer property '"
            + name
            + "' is fixed to '"
            + value
            + "' for idempotent publishing,"
            + " got '"
            + given
            + "'");
  }

  private static boolean isAllAcks(String name, Object given) {
    return name.equals(ProducerConfig.ACKS_CONFIG) && given.toString().trim().equals("-1");
  }
}
