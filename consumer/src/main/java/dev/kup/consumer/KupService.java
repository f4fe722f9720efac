package dev.kup.consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.pipeline.BatchProcessor;
import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.RowIsolatingApplier;
import dev.kup.pipeline.commit.CommitSequence;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.pipeline.commit.JooqOffsetStore;
import dev.kup.pipeline.config.PipelineOptions;
import dev.kup.pipeline.deadletter.DeadLetterRecordBuilder;
import dev.kup.pipeline.deadletter.KafkaDeadLetterSink;
import dev.kup.pipeline.failure.ErrorClassifier;
import dev.kup.pipeline.failure.InfrastructureBreaker;
import dev.kup.pipeline.intake.BatchWorkers;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.intake.PollLoop;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.schemas.DecodedUpdate;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the pipeline from a {@link KupConfig} with plain
 * constructor wiring, runs the poll loop on the calling thread, and closes what it opened.
 */
public final class KupService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KupService.class);

  private final HikariDataSource dataSource;
  private final KafkaProducer<byte[], byte[]> deadLetterProducer;
  private static final int PROBE_TIMEOUT_SECONDS = 3;

  private final PollLoop loop;
  private final InfrastructureBreaker breaker;
  private final CountDownLatch finished = new CountDownLatch(1);

  private KupService(HikariDataSource dataSource, KafkaProducer<byte[], byte[]> producer,
      PollLoop loop, InfrastructureBreaker breaker) {
    this.dataSource = dataSource;
    this.deadLetterProducer = producer;
    this.loop = loop;
    this.breaker = breaker;
  }

  /** Connects, checks the catalog and topics, and wires the pipeline; fails fast on bad setup. */
  public static KupService create(KupConfig config, FaultPoints faults, Clock clock) {
    HikariDataSource dataSource = dataSource(config);
    try {
      PipelineOptions options = config.pipeline();
      DSLContext dsl = DSL.using(dataSource, dialect(config.dbUrl()), jooqSettings());
      JooqTableCatalog catalog = JooqTableCatalog.load(dsl, options.tables());
      JooqOffsetStore offsets = new JooqOffsetStore(dsl);
      offsets.createIfMissing();
      if (config.createTopics()) {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(config))) {
          new TopicProvisioner(admin).ensureDeadLetterTopic(options.topic(), options.deadLetterTopic());
        }
      }
      ErrorClassifier classifier = new PipelineErrorClassifier();
      KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(KafkaClientProperties.deadLetterProducer(config));
      var sink = new KafkaDeadLetterSink(producer,
          new DeadLetterRecordBuilder(options.deadLetterTopic(), options.groupId()));
      var commits = new CommitSequence(dsl, sink, offsets, options.groupId(), faults);
      var applier = new JooqBatchApplier();
      var processor = new BatchProcessor(
          new RecordValidator(catalog, new ColumnValueConverter()),
          new RowIsolatingApplier(applier, classifier),
          new RowIsolatingApplier(applier, classifier, true),
          commits, clock);
      var breaker = InfrastructureBreaker.forDatabase(options.retry(), classifier);
      var workers = new BatchWorkers(options.workers(), processor, classifier, breaker,
          () -> probe(dsl), options.retry());
      KafkaConsumer<byte[], DecodedUpdate> consumer =
          new KafkaConsumer<>(KafkaClientProperties.consumer(config));
      var loop = new PollLoop(consumer, workers, offsets, classifier, breaker, options, clock);
      LOG.info("event.code=SERVICE_CONFIGURED {}", config);
      return new KupService(dataSource, producer, loop, breaker);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** A cheap round trip that fails unless the database answers within a few seconds. */
  private static void probe(DSLContext dsl) {
    dsl.connection(c -> {
      if (!c.isValid(PROBE_TIMEOUT_SECONDS)) {
        throw new SQLTransientConnectionException("database did not answer the probe", "08000");
      }
    });
  }

  /** The infrastructure breaker's state: CLOSED, OPEN or HALF_OPEN. */
  public String breakerState() {
    return breaker.state();
  }

  /** Partitions paused right now (breaker, backoff, backpressure or positioning). */
  public int pausedPartitions() {
    return loop.pausedPartitions();
  }

  /** Runs the poll loop until {@link #stop} is called or a fatal failure ends it. */
  public void run() {
    try {
      LOG.info("event.code=SERVICE_STARTED");
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
  public boolean stop(Duration timeout) {
    loop.stop();
    try {
      return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    deadLetterProducer.close(Duration.ofSeconds(5));
    dataSource.close();
  }

  private static HikariDataSource dataSource(KupConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("kup-db");
    hikari.setJdbcUrl(config.dbUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    // one connection per worker, plus one for offset reads and health probes
    hikari.setMaximumPoolSize(config.dbPoolSize() + 1);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    if (dialect(config.dbUrl()) == SQLDialect.POSTGRES) {
      // a frozen consumer must not hold the partition's offset row lock forever (zombie fencing)
      hikari.setConnectionInitSql("SET idle_in_transaction_session_timeout = "
          + config.dbIdleInTransactionTimeout().toMillis());
    }
    // fail at start, with the driver's message, when the DB is unreachable or refuses us
    hikari.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
    return new HikariDataSource(hikari);
  }

  private static SQLDialect dialect(String url) {
    SQLDialect dialect = JDBCUtils.dialect(url);
    return dialect == SQLDialect.DEFAULT ? SQLDialect.POSTGRES : dialect;
  }

  private static Settings jooqSettings() {
    return new Settings().withExecuteLogging(false).withRenderCatalog(false);
  }
}
