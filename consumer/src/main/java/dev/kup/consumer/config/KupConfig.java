package dev.kup.consumer.config;

import dev.kup.pipeline.config.RedactedUrl;
import dev.kup.pipeline.config.BatchLimits;
import dev.kup.pipeline.config.OffsetOutOfRangePolicy;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.config.RetryOptions;
import dev.kup.pipeline.config.TableOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The consumer's validated configuration. {@link #toString()} redacts secrets, so it is safe to
 * log.
 *
 * @param instanceId KUP_INSTANCE_ID, or null when not given
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
    kafkaPassThrough = Map.copyOf(kafkaPassThrough);
    TargetDatabase.of(dbUrl).writeStrategy(applyStrategy); // unnest off PostgreSQL fails here
    TargetDatabase.requireRowCounts(dbUrl);
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
          SettingValues.required(source, Setting.TOPIC),
          SettingValues.required(source, Setting.DLQ_TOPIC),
          SettingValues.required(source, Setting.GROUP_ID),
          tables,
          new BatchLimits(
              SettingValues.positiveInt(source, Setting.BATCH_MAX_RECORDS),
              SettingValues.positiveLong(source, Setting.BATCH_MAX_BYTES),
              Duration.ofMillis(SettingValues.nonNegativeLong(source, Setting.BATCH_LINGER_MS)),
              SettingValues.positiveLong(source, Setting.MAX_IN_FLIGHT_BYTES)),
          retry(source),
          SettingValues.positiveInt(source, Setting.DB_POOL_SIZE),
          SettingValues.duration(source, Setting.SHUTDOWN_TIMEOUT),
          offsetOutOfRangePolicy(source));
      return new KupConfig(
          SettingValues.required(source, Setting.BOOTSTRAP_SERVERS),
          SettingValues.required(source, Setting.DB_URL),
          source.get(Setting.DB_USER).orElse(null),
          source.get(Setting.DB_PASSWORD).orElse(null),
          SettingValues.positiveInt(source, Setting.DB_POOL_SIZE),
          SettingValues.duration(source, Setting.DB_IDLE_IN_TRANSACTION_TIMEOUT),
          SettingValues.bool(source, Setting.CREATE_TOPICS),
          SettingValues.port(source, Setting.HTTP_PORT),
          ApplyStrategy.parse(SettingValues.required(source, Setting.APPLY_STRATEGY)),
          SettingValues.bool(source, Setting.COALESCE),
          Duration.ofSeconds(SettingValues.positiveLong(source, Setting.LOG_SUMMARY_SECONDS)),
          SettingValues.duration(source, Setting.STUCK_PARTITION_TIMEOUT),
          SettingValues.instanceId(source),
          pipeline,
          source.kafkaPassThrough());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static RetryOptions retry(ConfigSource source) {
    return new RetryOptions(
        Duration.ofMillis(SettingValues.positiveLong(source, Setting.RETRY_BACKOFF_INITIAL_MS)),
        Duration.ofMillis(SettingValues.positiveLong(source, Setting.RETRY_BACKOFF_MAX_MS)),
        SettingValues.fraction(source, Setting.RETRY_JITTER),
        SettingValues.positiveInt(source, Setting.RETRY_MAX_ATTEMPTS),
        SettingValues.positiveInt(source, Setting.BREAKER_FAILURE_THRESHOLD),
        Duration.ofMillis(SettingValues.positiveLong(source, Setting.BREAKER_DELAY_MS)));
  }

  /**
   * The checks that involve two settings, made here so that the message names them; the engine's
   * option records check the same and name their own fields.
   */
  private static void checkCombinations(ConfigSource source) {
    if (SettingValues.positiveLong(source, Setting.MAX_IN_FLIGHT_BYTES)
        < SettingValues.positiveLong(source, Setting.BATCH_MAX_BYTES)) {
      throw new ConfigException(Setting.MAX_IN_FLIGHT_BYTES.envName() + " must be >= "
          + Setting.BATCH_MAX_BYTES.envName());
    }
    if (SettingValues.positiveLong(source, Setting.RETRY_BACKOFF_MAX_MS)
        < SettingValues.positiveLong(source, Setting.RETRY_BACKOFF_INITIAL_MS)) {
      throw new ConfigException(Setting.RETRY_BACKOFF_MAX_MS.envName() + " must be >= "
          + Setting.RETRY_BACKOFF_INITIAL_MS.envName());
    }
    if (SettingValues.required(source, Setting.TOPIC).equals(SettingValues.required(source, Setting.DLQ_TOPIC))) {
      throw new ConfigException(Setting.DLQ_TOPIC.envName() + " must differ from "
          + Setting.TOPIC.envName());
    }
  }

  private static OffsetOutOfRangePolicy offsetOutOfRangePolicy(ConfigSource source) {
    Setting setting = Setting.OFFSET_OUT_OF_RANGE_POLICY;
    try {
      return OffsetOutOfRangePolicy.parse(SettingValues.required(source, setting));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.envName() + " " + e.getMessage(), e);
    }
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
