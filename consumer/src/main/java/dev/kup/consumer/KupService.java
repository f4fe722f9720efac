package dev.kup.consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kup.consumer.config.ApplyStrategy;
import dev.kup.consumer.config.KupConfig;
import dev.kup.consumer.config.TargetDatabase;
import dev.kup.consumer.monitoring.HealthChecks;
import dev.kup.consumer.monitoring.MeterRegistries;
import dev.kup.consumer.monitoring.HttpEndpoints;
import dev.kup.consumer.monitoring.ProgressSummaryLogger;
import dev.kup.consumer.monitoring.ServiceEvent;
import dev.kup.pipeline.BatchProcessor;
import dev.kup.pipeline.apply.BatchApplier;
import dev.kup.pipeline.apply.CoalescingApplier;
import dev.kup.pipeline.apply.JdbcBatchUpdateWriter;
import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.UnnestUpdateWriter;
import dev.kup.pipeline.apply.ValuesJoinUpdateWriter;
import dev.kup.pipeline.apply.UpdateWriter;
import dev.kup.pipeline.apply.RowIsolatingApplier;
import dev.kup.pipeline.apply.Tombstones;
import dev.kup.pipeline.commit.CommitSequence;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.pipeline.commit.JooqOffsetStore;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.config.VersionMode;
import dev.kup.pipeline.deadletter.DeadLetterRecordBuilder;
import dev.kup.pipeline.deadletter.KafkaDeadLetterSink;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.intake.BatchWorkers;
import dev.kup.pipeline.intake.PollLoop;
import dev.kup.pipeline.metrics.KupMeter;
import dev.kup.pipeline.metrics.MicrometerPipelineMetrics;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the pipeline from a {@link KupConfig} with plain
 * constructor wiring, runs the poll loop on the calling thread, and closes what it opened.
 */
public final class KupService implements Stoppable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KupService.class);
  private static final int PROBE_TIMEOUT_SECONDS = 3;
  private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);

  private final PollLoop loop;
  private final InfrastructureBreaker breaker;
  private final HttpEndpoints http;
  private final List<AutoCloseable> resources;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Thread runner;

  private KupService(PollLoop loop, InfrastructureBreaker breaker, HttpEndpoints http,
      List<AutoCloseable> resources) {
    this.loop = loop;
    this.breaker = breaker;
    this.http = http;
    this.resources = resources;
  }

  /** Connects, checks the catalog and topics, and wires the pipeline; fails fast on bad setup. */
  public static KupService create(KupConfig config, FaultPoints faults, Clock clock) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      PrometheusMeterRegistry registry = MeterRegistries.prometheus();
      resources.add(registry::close);
      HikariDataSource dataSource = dataSource(config, registry);
      resources.add(0, dataSource);
      PipelineOptions options = config.pipeline();
      TargetDatabase database = config.database();
      DSLContext dsl = DSL.using(dataSource, database.dialect(), jooqSettings());
      ErrorClassifier classifier = new PipelineErrorClassifier();
      JooqOffsetStore offsets = new JooqOffsetStore(dsl);
      JooqTableCatalog catalog = untilDatabaseAnswers(classifier, () -> {
        offsets.createIfMissing();
        if (options.tables().stream().anyMatch(t -> t.versionMode() == VersionMode.EXTERNAL)) {
          Tombstones.createIfMissing(dsl);
        }
        return JooqTableCatalog.load(dsl, options.tables());
      });
      Map<String, Object> producerProperties = KafkaClientProperties.deadLetterProducer(config);
      int maxLetterBytes = KafkaClientProperties.maxRequestSize(producerProperties);
      try (Admin admin = Admin.create(KafkaClientProperties.admin(config))) {
        TopicProvisioner topics = new TopicProvisioner(admin);
        topics.ensureDeadLetterTopic(options.topic(), options.deadLetterTopic(), config.createTopics());
        maxLetterBytes = Math.min(maxLetterBytes,
            topics.maxMessageBytes(options.deadLetterTopic()).orElse(Integer.MAX_VALUE));
      }
      LOG.info(ServiceEvent.DEAD_LETTER_LIMIT.marker(), "dead letters to topic={} take up to"
          + " max_bytes={}: larger letters go without their value", options.deadLetterTopic(),
          maxLetterBytes);
      var metrics = new MicrometerPipelineMetrics(registry);
      KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties);
      resources.add(0, () -> producer.close(Duration.ofSeconds(5)));
      var sink = new KafkaDeadLetterSink(producer,
          new DeadLetterRecordBuilder(options.deadLetterTopic(), options.groupId(), maxLetterBytes));
      var commits = new CommitSequence(dsl, sink, offsets, options.groupId(), faults, metrics);
      var applier = new JooqBatchApplier(updateWriter(database.writeStrategy(config.applyStrategy())));
      var validator = new RecordValidator(catalog, new ColumnValueConverter());
      var processor = new BatchProcessor(validator,
          coalescing(config, new RowIsolatingApplier(applier, classifier)), commits, metrics, clock);
      var isolating = new BatchProcessor(validator,
          coalescing(config, new RowIsolatingApplier(applier, classifier, true)), commits, metrics,
          clock);
      var breaker = InfrastructureBreaker.forDatabase(options.retry(), classifier);
      Runnable probe = () -> probe(dsl);
      var workers = new BatchWorkers(options.workers(), processor, isolating, classifier, breaker, probe,
          options.retry(), metrics);
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(KafkaClientProperties.consumer(config));
      var loop = new PollLoop(consumer, workers, offsets, classifier, breaker, options, metrics, clock);
      monitorClients(registry, consumer, producer, resources);
      metrics.breakerState(breaker::currentState);
      metrics.gauge(KupMeter.PAUSED_PARTITIONS, loop, PollLoop::pausedPartitions);
      KupService[] self = new KupService[1];
      var health = new HealthChecks(() -> self[0].loopAlive(), loop::joinedGroup, breaker::state,
          () -> loop.partitionReadiness().problems(clock.instant(), config.stuckPartitionTimeout()),
          probe);
      resources.add(0, health);
      var http = HttpEndpoints.start(config.httpPort(), registry::scrape, health);
      resources.add(0, http);
      var summary = new ProgressSummaryLogger(registry, config.logSummaryInterval(),
          loop::pausedPartitions, breaker::state);
      resources.add(0, summary);
      health.start();
      summary.start();
      LOG.info(ServiceEvent.SERVICE_CONFIGURED.marker(), "consumer configured: {} metricsPort={}",
          config, http.port());
      self[0] = new KupService(loop, breaker, http, resources);
      return self[0];
    } catch (RuntimeException e) {
      OpenResources.closeAll(resources);
      throw e;
    }
  }

  /** Runs the poll loop until {@link #stop} is called or a fatal failure ends it. */
  public void run() {
    runner = Thread.currentThread();
    try {
      LOG.info(ServiceEvent.SERVICE_STARTED.marker(), "consumer started");
      loop.run();
    } finally {
      finished.countDown();
    }
  }

  /**
   * Asks the loop to finish its batches, commit and leave the group; waits up to {@code timeout}.
   *
   * @return whether it finished in time
   */
  @Override
  public boolean stop(Duration timeout) {
    loop.stop();
    try {
      return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The infrastructure breaker's state: CLOSED, OPEN or HALF_OPEN. */
  public String breakerState() {
    return breaker.state();
  }

  /** Partitions paused right now (breaker, backoff, backpressure or positioning). */
  public int pausedPartitions() {
    return loop.pausedPartitions();
  }

  /** The port serving /metrics and /health. */
  public int httpPort() {
    return http.port();
  }

  private boolean loopAlive() {
    Thread t = runner;
    return t != null && t.isAlive() && finished.getCount() > 0;
  }

  @Override
  public void close() {
    OpenResources.closeAll(resources);
  }

  private static void monitorClients(PrometheusMeterRegistry registry,
      KafkaConsumer<?, ?> consumer, KafkaProducer<?, ?> producer, List<AutoCloseable> resources) {
    // per-partition meters (records-lag) appear after the first fetches: look for new ones often
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kup-kafka-metrics");
      t.setDaemon(true);
      return t;
    });
    KafkaClientMetrics consumerMetrics =
        new KafkaClientMetrics(consumer, List.of(), refresher, KAFKA_METRICS_REFRESH);
    consumerMetrics.bindTo(registry);
    KafkaClientMetrics producerMetrics =
        new KafkaClientMetrics(producer, List.of(), refresher, KAFKA_METRICS_REFRESH);
    producerMetrics.bindTo(registry);
    resources.add(0, consumerMetrics);
    resources.add(0, producerMetrics);
    resources.add(0, refresher::shutdownNow);
  }

  /**
   * Runs a start-up step that needs the database, waiting out an outage (a consumer restarted
   * while the database is down must not crash-loop); a fatal failure (bad credentials, missing
   * table) still fails at once.
   */
  private static <T> T untilDatabaseAnswers(ErrorClassifier classifier, CheckedSupplier<T> step) {
    return Failsafe.with(RetryPolicy.<T>builder()
            .handleIf((result, error) -> error != null
                && !(classifier.classify(error) instanceof Failure.Fatal))
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(10))
            .withMaxRetries(-1)
            .onRetry(e -> LOG.warn(ServiceEvent.STARTUP_WAITING_FOR_DATABASE.marker(),
                "waiting for the database, attempt={}: {}",
                e.getAttemptCount(), String.valueOf(e.getLastException())))
            .build())
        .get(step);
  }

  /** @param strategy a strategy {@link TargetDatabase#writeStrategy} resolved (never AUTO) */
  private static UpdateWriter updateWriter(ApplyStrategy strategy) {
    return switch (strategy) {
      case UNNEST -> new UnnestUpdateWriter();
      case VALUES -> new ValuesJoinUpdateWriter();
      case BATCH, AUTO -> new JdbcBatchUpdateWriter();
    };
  }

  private static BatchApplier coalescing(KupConfig config, BatchApplier applier) {
    return config.coalesce() ? new CoalescingApplier(applier) : applier;
  }

  /** A cheap round trip that fails unless the database answers within a few seconds. */
  private static void probe(DSLContext dsl) {
    dsl.connection(c -> {
      if (!c.isValid(PROBE_TIMEOUT_SECONDS)) {
        throw new SQLTransientConnectionException("database did not answer the probe", "08000");
      }
    });
  }

  private static HikariDataSource dataSource(KupConfig config, PrometheusMeterRegistry registry) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("kup-db");
    hikari.setJdbcUrl(config.dbUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    // one connection per worker, plus one for offset reads and one for health probes
    hikari.setMaximumPoolSize(config.dbPoolSize() + 2);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    hikari.setMetricRegistry(registry);
    config.database().sessionSetup(config.dbIdleInTransactionTimeout())
        .ifPresent(hikari::setConnectionInitSql);
    config.database().transactionIsolation().ifPresent(hikari::setTransactionIsolation);
    // start without a connection: the first use waits out an outage (see untilDatabaseAnswers)
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }

  private static Settings jooqSettings() {
    return new Settings().withExecuteLogging(false).withRenderCatalog(false);
  }
}
