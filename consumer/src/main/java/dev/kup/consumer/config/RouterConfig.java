package dev.kup.consumer.config;

import dev.kup.pipeline.config.RedactedUrl;
import dev.kup.router.RouterOptions;
import dev.kup.router.TableMapping;
import dev.kup.router.VersionSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The router role's configuration ({@code KUP_ROLE=router}): the Kafka connection, the feeds it
 * reads, how each mapped source table becomes update records, and the endpoints. It reads no
 * database setting. Immutable; {@link #toString()} hides secrets.
 *
 * @param maxDeadLetterBytes the largest letter the producer sends; the service lowers it to the
 *     dead-letter topic's own limit at start
 * @param instanceId KUP_INSTANCE_ID, or null when not given
 */
public record RouterConfig(
    String bootstrapServers,
    String applicationId,
    List<String> inputTopics,
    String outputTopic,
    String deadLetterTopic,
    List<TableMapping> tables,
    int httpPort,
    Duration shutdownTimeout,
    String instanceId,
    Map<String, String> kafkaPassThrough) {
  static final String SOURCE_LSN = "source.lsn";
  static final String TS_MS = "ts_ms";

  public RouterConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    inputTopics = List.copyOf(inputTopics);
    tables = List.copyOf(tables);
    kafkaPassThrough = Map.copyOf(kafkaPassThrough);
  }

  /** Reads and checks the router's settings; throws {@link ConfigException} naming a bad one. */
  public static RouterConfig from(ConfigSource source) {
    RouterConfig config = new RouterConfig(
        SettingValues.required(source, Setting.BOOTSTRAP_SERVERS),
        SettingValues.required(source, Setting.ROUTER_APPLICATION_ID),
        SettingValues.list(SettingValues.required(source, Setting.ROUTER_INPUT_TOPICS)),
        SettingValues.required(source, Setting.TOPIC),
        SettingValues.required(source, Setting.DLQ_TOPIC),
        tables(source),
        SettingValues.port(source, Setting.HTTP_PORT),
        SettingValues.duration(source, Setting.SHUTDOWN_TIMEOUT),
        SettingValues.instanceId(source),
        source.kafkaPassThrough());
    config.options(RouterOptions.DEFAULT_MAX_DEAD_LETTER_BYTES); // the engine's own checks
    return config;
  }

  /** The engine's options, with the dead-letter size the topic and the producer allow. */
  public RouterOptions options(int maxDeadLetterBytes) {
    try {
      return new RouterOptions(applicationId, inputTopics, outputTopic, deadLetterTopic, tables,
          maxDeadLetterBytes);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Setting.ROUTER_INPUT_TOPICS.envName() + ", "
          + Setting.ROUTER_SOURCES.envName() + ": " + e.getMessage(), e);
    }
  }

  /** One mapping per table of KUP_ROUTER_SOURCES, each with its keys and version field. */
  private static List<TableMapping> tables(ConfigSource source) {
    Map<String, String> sources = pairs(source, Setting.ROUTER_SOURCES);
    Map<String, String> keys = pairs(source, Setting.ROUTER_KEYS);
    Map<String, String> versions = pairs(source, Setting.ROUTER_VERSIONS);
    for (Setting other : List.of(Setting.ROUTER_KEYS, Setting.ROUTER_VERSIONS)) {
      Map<String, String> given = other == Setting.ROUTER_KEYS ? keys : versions;
      given.keySet().stream().filter(t -> !sources.containsKey(t)).findFirst().ifPresent(t -> {
        throw new ConfigException(other.envName() + ": table '" + t + "' has no source in "
            + Setting.ROUTER_SOURCES.envName());
      });
    }
    List<TableMapping> tables = new ArrayList<>();
    sources.forEach((table, sourceTable) -> {
      String keyText = missing(keys.get(table), Setting.ROUTER_KEYS, table);
      String versionText = missing(versions.get(table), Setting.ROUTER_VERSIONS, table);
      try {
        tables.add(new TableMapping(sourceTable, table, List.of(keyText.split("\\+", -1)),
            version(versionText)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(Setting.ROUTER_SOURCES.envName() + " of '" + table + "': "
            + e.getMessage(), e);
      }
    });
    return tables;
  }

  private static VersionSource version(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case SOURCE_LSN -> VersionSource.SOURCE_LSN;
      case TS_MS -> VersionSource.TS_MS;
      default -> VersionSource.column(text);
    };
  }

  private static String missing(String value, Setting setting, String table) {
    if (value == null) {
      throw new ConfigException(setting.envName() + " must name table '" + table + "' (it is in "
          + Setting.ROUTER_SOURCES.envName() + ")");
    }
    return value;
  }

  /** {@code table:value,...} in the order given. */
  private static Map<String, String> pairs(ConfigSource source, Setting setting) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String entry : SettingValues.list(source.get(setting).orElse(""))) {
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new ConfigException(setting.envName() + ": expected table:value, got '" + entry + "'");
      }
      if (pairs.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim()) != null) {
        throw new ConfigException(setting.envName() + ": table '" + entry.substring(0, colon).trim()
            + "' given twice");
      }
    }
    return pairs;
  }

  @Override
  public String toString() {
    Map<String, String> kafka = new TreeMap<>();
    kafkaPassThrough.forEach(
        (k, v) -> kafka.put(k, KupConfig.isSecretKafkaKey(k) ? RedactedUrl.REDACTED : v));
    return "RouterConfig[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId
        + ", inputTopics=" + inputTopics + ", outputTopic=" + outputTopic
        + ", deadLetterTopic=" + deadLetterTopic + ", tables=" + tables + ", httpPort=" + httpPort
        + ", shutdownTimeout=" + shutdownTimeout + ", kafka=" + kafka + "]";
  }
}
