package dev.kup.consumer.config;

import dev.kup.schemas.DefaultTopics;
import java.util.Locale;

/**
 * Every setting the consumer reads: the public contract of its configuration. Each is read from
 * the environment variable {@link #envName()} or, in a {@code --config} properties file, from
 * {@link #propertyKey()} ({@code KUP_BATCH_MAX_RECORDS} ↔ {@code kup.batch.max.records}). Besides
 * these, every {@code KUP_KAFKA_*} / {@code kup.kafka.*} entry passes through to the Kafka clients.
 */
public enum Setting {
  ROLE("consumer", false,
      "consumer (apply update records to the database) or router (route feeds kup does not"
          + " control into canonical update records on KUP_TOPIC, with Kafka Streams)."),
  BOOTSTRAP_SERVERS(null, false, "Kafka bootstrap servers, host:port[,host:port]. Required."),
  TOPIC(DefaultTopics.UPDATES, false, "Topic the update records are read from."),
  DLQ_TOPIC(DefaultTopics.DEAD_LETTERS, false, "Dead-letter topic."),
  GROUP_ID("kup-applier", false, "Consumer group id; also the key of offsets stored in kup_offsets."),
  DB_URL(null, false,
      "JDBC URL of the target database: PostgreSQL (jdbc:postgresql:...), MariaDB"
          + " (jdbc:mariadb:...) or H2 (jdbc:h2:...). Required."),
  DB_USER(null, false, "Database user."),
  DB_PASSWORD(null, true, "Database password (never logged)."),
  DB_POOL_SIZE("6", false,
      "Database connections for applying batches, and so batches applied at once (one per"
          + " partition at most); one more connection serves offset reads and health probes."),
  DB_IDLE_IN_TRANSACTION_TIMEOUT("60s", false,
      "PostgreSQL and MariaDB (whole seconds there): the server ends a kup session idle inside a"
          + " transaction this long (a frozen or partitioned consumer), releasing its locks for the"
          + " partition's new owner."),
  TABLES(null, false, "Allow-list of tables that may be written, comma-separated. Required."),
  VERSION_COLUMNS("", false,
      "Per-table version column where it is not 'version': table:column[,table:column]."),
  CONFLICT_POLICY("dlq", false, "Default for version conflicts and missing rows: dlq or skip."),
  CONFLICT_POLICIES("", false, "Per-table conflict policy: table:dlq|skip[,table:dlq|skip]."),
  VERSION_MODES("", false,
      "Per-table version mode: table:expected|external[,...]. expected (default): a record's"
          + " version is the one the row must be at, kup advances it. external: a record's version"
          + " is the row's version after the change (change-data capture); a change applies only"
          + " when newer than the row, an equal or older one is counted as stale."),
  BATCH_MAX_RECORDS("5000", false, "Records per micro-batch (one batch = one DB transaction)."),
  BATCH_MAX_BYTES("4194304", false,
      "Key, value and header bytes per micro-batch; a larger record is a batch of its own."),
  BATCH_LINGER_MS("50", false, "How long the first record of a batch waits for more, in ms."),
  MAX_IN_FLIGHT_BYTES("67108864", false,
      "Record bytes (key, value, headers) held in memory (buffered and in flight, all"
          + " partitions) at which fetching pauses until batches commit."),
  APPLY_STRATEGY("auto", false,
      "auto (unnest on PostgreSQL, values on MariaDB, batch elsewhere), unnest (one UPDATE … FROM"
          + " unnest(arrays) per group, PostgreSQL only), values (one UPDATE … JOIN (VALUES …) per"
          + " group, MariaDB only) or batch (JDBC batch of statements, any database)."),
  COALESCE("true", false,
      "Collapse a row's chained updates within a batch into one write (see README)."),
  RETRY_BACKOFF_INITIAL_MS("100", false,
      "First delay before retrying a failed batch, in ms; doubles per attempt (with jitter)."),
  RETRY_BACKOFF_MAX_MS("10000", false, "Longest delay between retries of a batch, in ms."),
  RETRY_JITTER("0.25", false, "Random spread of each retry delay, as a fraction of it (0 to 1)."),
  RETRY_MAX_ATTEMPTS("5", false,
      "Attempts of a batch before it is redelivered from Kafka after a partition backoff."),
  BREAKER_FAILURE_THRESHOLD("3", false,
      "Consecutive transient failures (DB or DLQ down) that open the circuit breaker."),
  BREAKER_DELAY_MS("5000", false,
      "How long the open breaker keeps every partition paused before probing the database, in ms."),
  CREATE_TOPICS("true", false,
      "Create the dead-letter topic at start when missing (same partition count as the topic)."),
  SHUTDOWN_TIMEOUT("30s", false,
      "On SIGTERM (and on revocation): how long in-flight batches may take to finish and commit;"
          + " 500ms, 30s, 2m or ISO-8601 (PT30S)."),
  OFFSET_OUT_OF_RANGE_POLICY("refuse", false,
      "When the offset stored for a partition lies outside its log (below the log start:"
          + " retention deleted records never applied; beyond the log end: the topic was"
          + " recreated): refuse (keep the partition paused, /health/ready says why), earliest or"
          + " latest (resume at the log start or end on purpose, counting the skipped offsets)."),
  STUCK_PARTITION_TIMEOUT("5m", false,
      "/health/ready fails when a partition's records have waited this long with no batch"
          + " committed; 500ms, 30s, 5m or ISO-8601 (PT5M)."),
  INSTANCE_ID(null, false,
      "Names this process in its Kafka client ids (kup-consumer-<id>, kup-dlq-<id>, kup-admin-<id>,"
          + " kup-router-<id>); default: <host>-<pid>, unique per process. KUP_KAFKA_CLIENT_ID, when"
          + " set, is every client's id as it is."),
  ROUTER_INPUT_TOPICS(null, false,
      "Router: the topics it reads, comma-separated. Required when KUP_ROLE=router."),
  ROUTER_APPLICATION_ID("kup-router", false,
      "Router: the Kafka Streams application id (its consumer group and transactional id prefix)."),
  ROUTER_SOURCES("", false,
      "Router: the Debezium source table of each target table: table:source[,table:source], the"
          + " source as the event names it (table, or schema.table)."),
  ROUTER_KEYS("", false,
      "Router: the key columns of each mapped table, as the event spells them:"
          + " table:column[+column][,...]."),
  ROUTER_VERSIONS("", false,
      "Router: the field that becomes each mapped table's version: table:source.lsn, table:ts_ms"
          + " or table:<column>[,...]."),
  HTTP_PORT("8080", false, "Port of GET /metrics, /health/live and /health/ready (0: any free port)."),
  LOG_SUMMARY_SECONDS("30", false,
      "Every so many seconds, one INFO line with rates; per-batch lines are DEBUG."),
  LOG_FORMAT("json", false, "json (one ECS JSON object per line on stdout) or text (for local runs)."),
  LOG_LEVEL("INFO", false, "Level of kup's own loggers; Kafka client logging stays at WARN.");

  private final String defaultValue;
  private final boolean secret;
  private final String description;

  Setting(String defaultValue, boolean secret, String description) {
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.description = description;
  }

  public String envName() {
    return "KUP_" + name();
  }

  public String propertyKey() {
    return "kup." + name().toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The default, or null when the setting is required or optional without default. */
  public String defaultValue() {
    return defaultValue;
  }

  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }
}
