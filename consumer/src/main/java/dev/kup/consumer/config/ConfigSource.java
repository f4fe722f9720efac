package dev.kup.consumer.config;

import dev.kup.schemas.FileVariables;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Raw setting values: the environment over an optional properties file. Keys are normalised to the
 * environment form ({@code kup.batch.max.records} → {@code KUP_BATCH_MAX_RECORDS}). In either
 * source, {@code KUP_<NAME>_FILE=/path} (a secret mounted as a file) stands for {@code KUP_<NAME>}
 * with that file's content ({@link FileVariables}). Immutable.
 */
public final class ConfigSource {
  private static final String KAFKA_ENV_PREFIX = "KUP_KAFKA_";

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Values from the properties file (if any), overridden by the environment; each source's {@code
   * KUP_*_FILE} entries read first, so a file given in the environment overrides the properties.
   *
   * @throws ConfigException when a file cannot be read or a setting is given both ways in one
   *     source; the message names the variable and the path, never a file's content
   */
  public static ConfigSource of(Map<String, String> env, Optional<Path> propertiesFile) {
    Map<String, String> values = new TreeMap<>();
    propertiesFile.ifPresent(file -> values.putAll(withFiles(readProperties(file))));
    withFiles(env).forEach((k, v) -> {
      if (k.startsWith("KUP_")) {
        values.put(k, v);
      }
    });
    return new ConfigSource(values);
  }

  private static Map<String, String> withFiles(Map<String, String> values) {
    try {
      return FileVariables.resolve(values);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  public Optional<String> get(Setting setting) {
    return Optional.ofNullable(values.get(setting.envName()))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .or(() -> Optional.ofNullable(setting.defaultValue()));
  }

  /** Every {@code KUP_KAFKA_*} entry as a Kafka client property ({@code security.protocol}). */
  public Map<String, String> kafkaPassThrough() {
    Map<String, String> kafka = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(KAFKA_ENV_PREFIX)) {
        kafka.put(k.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
      }
    });
    return kafka;
  }

  private static Map<String, String> readProperties(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read --config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("kup.")) {
        values.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), props.getProperty(key));
      }
    }
    return values;
  }
}
