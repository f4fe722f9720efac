package dev.kup.consumer.config;

import dev.kup.pipeline.config.RedactedUrl;
import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.config.TableOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The consumer's validated configuration. {@link #toString()} redacts secrets, so it is safe to
 * log.
 */
public record KupConfig(
    String bootstrapServers,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Duration dbIdleInTransactionTimeout,
    boolean createTopics,
    int httpPort,
    ApplyStrategy applyStrategy,
    boolean coalesce,
    Duration logSummaryInterval,
    Duration stuckPartitionTimeout,
    String instanceId,
    PipelineOptions pipeline,
    Map<String, String> kafkaPassThrough) {

  private static final String REDACTED = RedactedUrl.REDACTED;

  public KupConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(instanceId, "instanceId");
    kafkaPassThrough = Map.copyOf(kafkaPassThrough);
    TargetDatabase.of(dbUrl).writeStrategy(applyStrategy); // unnest off PostgreSQL fails here
  }

  /** The database {@link #dbUrl} names. */
  public TargetDatabase database() {
    return TargetDatabase.of(dbUrl);
  }

  /** Reads and checks every setting; throws {@link ConfigException} naming the first bad one. */
  public static KupConfig from(ConfigSource source) {
    List<TableOptions> tables = TableSettings.read(source);
    checkCombinations(source);
    try {
      PipelineOptions pipeline = new PipelineOptions(
          required(source, Setting.TOPIC),
          required(source, Setting.DLQ_TOPIC),
          required(source, Setting.GROUP_ID),
          tables,
          new BatchLimits(
              positiveInt(source, Setting.BATCH_MAX_RECORDS),
              positiveLong(source, Setting.BATCH_MAX_BYTES),
              Duration.ofMillis(nonNegativeLong(source, Setting.BATCH_LINGER_MS)),
              positiveLong(source, Setting.MAX_IN_FLIGHT_BYTES)),
          retry(source),
          positiveInt(source, Setting.DB_POOL_SIZE),
          duration(source, Setting.SHUTDOWN_TIMEOUT),
          offsetOutOfRangePolicy(source));
      return new KupConfig(
          required(source, Setting.BOOTSTRAP_SERVERS),
          required(source, Setting.DB_URL),
          source.get(Setting.DB_USER).orElse(null),
          source.get(Setting.DB_PASSWORD).orElse(null),
          positiveInt(source, Setting.DB_POOL_SIZE),
          duration(source, Setting.DB_IDLE_IN_TRANSACTION_TIMEOUT),
          bool(source, Setting.CREATE_TOPICS),
          port(source, Setting.HTTP_PORT),
          ApplyStrategy.parse(required(source, Setting.APPLY_STRATEGY)),
          bool(source, Setting.COALESCE),
          Duration.ofSeconds(positiveLong(source, Setting.LOG_SUMMARY_SECONDS)),
          duration(source, Setting.STUCK_PARTITION_TIMEOUT),
          instanceId(source),
          pipeline,
          source.kafkaPassThrough());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** KUP_INSTANCE_ID, else the host name (a pod's or container's name), else the process id. */
  private static String instanceId(ConfigSource source) {
    return source.get(Setting.INSTANCE_ID).filter(id -> !id.isBlank())
        .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()))
        .orElseGet(() -> String.valueOf(ProcessHandle.current().pid()));
  }

  private static RetryOptions retry(ConfigSource source) {
    return new RetryOptions(
        Duration.ofMillis(positiveLong(source, Setting.RETRY_BACKOFF_INITIAL_MS)),
        Duration.ofMillis(positiveLong(source, Setting.RETRY_BACKOFF_MAX_MS)),
        fraction(source, Setting.RETRY_JITTER),
        positiveInt(source, Setting.RETRY_MAX_ATTEMPTS),
        positiveInt(source, Setting.BREAKER_FAILURE_THRESHOLD),
        Duration.ofMillis(positiveLong(source, Setting.BREAKER_DELAY_MS)));
  }

  private static double fraction(ConfigSource source, Setting setting) {
    String text = required(source, setting);
    try {
      double value = Double.parseDouble(text);
      if (value < 0 || value > 1) {
        throw new ConfigException(setting.envName() + " must be between 0 and 1, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(setting.envName() + " must be a number, got '" + text + "'");
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, ISO-8601 ({@code PT30S}), or bare seconds. */
  static Duration duration(ConfigSource source, Setting setting) {
    String text = required(source, setting).trim().toLowerCase(Locale.ROOT);
    try {
      Duration value;
      if (text.startsWith("pt")) {
        value = Duration.parse(text.toUpperCase(Locale.ROOT));
      } else if (text.endsWith("ms")) {
        value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
      } else if (text.endsWith("s")) {
        value = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      } else if (text.endsWith("m")) {
        value = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      } else {
        value = Duration.ofSeconds(Long.parseLong(text));
      }
      if (value.isNegative() || value.isZero()) {
        throw new ConfigException(setting.envName() + " must be > 0, got '" + text + "'");
      }
      return value;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new ConfigException(setting.envName() + " must be a duration such as 500ms, 30s, 2m"
          + " or PT30S, got '" + text + "'");
    }
  }

  /**
   * The checks that involve two settings, made here so that the message names them; the engine's
   * option records check the same and name their own fields.
   */
  private static void checkCombinations(ConfigSource source) {
    if (positiveLong(source, Setting.MAX_IN_FLIGHT_BYTES)
        < positiveLong(source, Setting.BATCH_MAX_BYTES)) {
      throw new ConfigException(Setting.MAX_IN_FLIGHT_BYTES.envName() + " must be >= "
          + Setting.BATCH_MAX_BYTES.envName());
    }
    if (positiveLong(source, Setting.RETRY_BACKOFF_MAX_MS)
        < positiveLong(source, Setting.RETRY_BACKOFF_INITIAL_MS)) {
      throw new ConfigException(Setting.RETRY_BACKOFF_MAX_MS.envName() + " must be >= "
          + Setting.RETRY_BACKOFF_INITIAL_MS.envName());
    }
    if (required(source, Setting.TOPIC).equals(required(source, Setting.DLQ_TOPIC))) {
      throw new ConfigException(Setting.DLQ_TOPIC.envName() + " must differ from "
          + Setting.TOPIC.envName());
    }
  }

  private static OffsetOutOfRangePolicy offsetOutOfRangePolicy(ConfigSource source) {
    Setting setting = Setting.OFFSET_OUT_OF_RANGE_POLICY;
    try {
      return OffsetOutOfRangePolicy.parse(required(source, setting));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.envName() + " " + e.getMessage(), e);
    }
  }

  /** The non-blank items of a comma-separated list, trimmed. */
  static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  static String required(ConfigSource source, Setting setting) {
    return source.get(setting).orElseThrow(() -> new ConfigException(
        setting.envName() + " is required (" + setting.description() + ")"));
  }

  private static int positiveInt(ConfigSource source, Setting setting) {
    long value = positiveLong(source, setting);
    if (value > Integer.MAX_VALUE) {
      throw new ConfigException(setting.envName() + " is too large: " + value);
    }
    return (int) value;
  }

  private static int port(ConfigSource source, Setting setting) {
    long value = nonNegativeLong(source, setting);
    if (value > 65535) {
      throw new ConfigException(setting.envName() + " must be a port number, got " + value);
    }
    return (int) value;
  }

  private static long positiveLong(ConfigSource source, Setting setting) {
    long value = nonNegativeLong(source, setting);
    if (value == 0) {
      throw new ConfigException(setting.envName() + " must be > 0");
    }
    return value;
  }

  private static long nonNegativeLong(ConfigSource source, Setting setting) {
    String text = required(source, setting);
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new ConfigException(setting.envName() + " must be >= 0, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(setting.envName() + " must be a whole number, got '" + text + "'");
    }
  }

  private static boolean bool(ConfigSource source, Setting setting) {
    String text = required(source, setting).toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new ConfigException(setting.envName() + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  @Override
  public String toString() {
    Map<String, String> kafka = new TreeMap<>();
    kafkaPassThrough.forEach((k, v) -> kafka.put(k, isSecretKafkaKey(k) ? REDACTED : v));
    return "KupConfig[bootstrapServers=" + bootstrapServers
        + ", dbUrl=" + RedactedUrl.of(dbUrl)
        + ", dbUser=" + dbUser + ", dbPassword=" + (dbPassword == null ? null : REDACTED)
        + ", dbPoolSize=" + dbPoolSize + ", dbIdleInTransactionTimeout=" + dbIdleInTransactionTimeout
        + ", createTopics=" + createTopics + ", httpPort=" + httpPort
        + ", applyStrategy=" + applyStrategy + ", coalesce=" + coalesce
        + ", stuckPartitionTimeout=" + stuckPartitionTimeout
        + ", pipeline=" + pipeline
        + ", kafka=" + kafka + "]";
  }

  static boolean isSecretKafkaKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("jaas")
        || k.contains("token") || k.startsWith("ssl.key");
  }
}
