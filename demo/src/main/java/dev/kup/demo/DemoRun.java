package dev.kup.demo;

import dev.kup.cli.ProducerFactory;
import dev.kup.cli.ProducerProperties;
import dev.kup.cli.publish.LineCheck;
import dev.kup.cli.publish.PublishSummary;
import dev.kup.cli.publish.Publisher;
import dev.kup.consumer.KupService;
import dev.kup.consumer.KupServiceThread;
import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.demo.stack.DemoDatabase;
import dev.kup.demo.stack.DemoKafka;
import dev.kup.demo.stack.KafkaAdmin;
import dev.kup.demo.stream.DemoStream;
import dev.kup.demo.stream.StreamPlan;
import dev.kup.demo.watch.DeadLetterTally;
import dev.kup.demo.watch.DemoSummary;
import dev.kup.demo.watch.MetricsScrape;
import dev.kup.demo.watch.Progress;
import dev.kup.demo.watch.StatusLine;
import dev.kup.pipeline.commit.FaultPoints;
import dev.kup.pipeline.config.RedactedUrl;
import dev.kup.schemas.DefaultTopics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * One demo run, start to end: Kafka and the database (local or configured), the accounts table,
 * the update stream, the service, the live status, the summary and its checks.
 */
public final class DemoRun {
  static final int EXIT_OK = 0;
  static final int EXIT_DID_NOT_ADD_UP = 1;
  private static final int PARTITIONS = 6;
  private static final int DEFAULT_HTTP_PORT = 8080;
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(120);

  private final DemoOptions options;
  private final Map<String, String> env;
  private final PrintStream out;
  private final boolean terminal;
  private final String topic;
  private final String deadLetterTopic;

  /**
   * @param options what to run
   * @param env the environment: {@code KUP_BOOTSTRAP_SERVERS} and {@code KUP_DB_URL} (with
   *     {@code KUP_DB_USER}, {@code KUP_DB_PASSWORD}) replace the local broker and the embedded
   *     database; other {@code KUP_*} settings reach the service as they would in production
   * @param out where the status and the summary go
   * @param terminal whether {@code out} is a terminal (the status line is redrawn in place)
   */
  public DemoRun(DemoOptions options, Map<String, String> env, PrintStream out, boolean terminal) {
    this.options = options;
    this.env = Map.copyOf(env);
    this.out = out;
    this.terminal = terminal;
    this.topic = this.env.getOrDefault("KUP_TOPIC", DefaultTopics.UPDATES);
    this.deadLetterTopic = this.env.getOrDefault("KUP_DLQ_TOPIC", DefaultTopics.DEAD_LETTERS);
  }

  /**
   * What a run ended with.
   *
   * @param exitCode 0 when everything added up, else 1
   * @param summary the summary, absent when the run did not get that far
   * @param problems what did not add up
   */
  public record Result(int exitCode, Optional<DemoSummary> summary, List<String> problems) {}

  /** Runs the demo; throws when something it needs cannot be set up. */
  public Result run() throws IOException, InterruptedException {
    Files.createDirectories(options.dataDir());
    try (DemoKafka kafka = DemoKafka.open(env, options.dataDir().resolve("kafka"));
        KafkaAdmin admin = new KafkaAdmin(kafka.bootstrapServers(), kafkaClientSettings())) {
      out.println(kafka.local()
          ? "Kafka      local broker at " + kafka.bootstrapServers() + " (data in "
              + options.dataDir().resolve("kafka") + "; the next run resumes it)"
          : "Kafka      " + kafka.bootstrapServers() + " (KUP_BOOTSTRAP_SERVERS)");
      admin.ensureTopics(List.of(topic, deadLetterTopic), PARTITIONS)
          .forEach((name, count) -> out.println("Topic      " + name + ": " + count + " partitions"));

      DemoDatabase db = DemoDatabase.from(env, options.dataDir().resolve("h2"));
      db.createAccounts(options.rows());
      out.printf("Database   %s: accounts, %,d rows at version 0%n",
          db.embedded() ? "H2 file in " + options.dataDir().resolve("h2") + " (embedded)" : RedactedUrl.of(db.url()),
          options.rows());

      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      StreamPlan plan = new DemoStream(options.rows(), options.staleShare(),
          options.poisonShare(), options.seed()).write(options.updates(), lines);
      out.printf("Stream     %,d updates: %,d valid, %,d stale versions, %,d poison records%n",
          plan.records(), plan.applicable(),
          plan.deadLettersByReason().getOrDefault("VERSION_CONFLICT", 0L),
          plan.deadLetters() - plan.deadLettersByReason().getOrDefault("VERSION_CONFLICT", 0L));

      String group = "kup-demo-" + System.currentTimeMillis();
      Map<TopicPartition, Long> start = admin.endOffsets(topic);
      Map<TopicPartition, Long> deadLetterStart = admin.endOffsets(deadLetterTopic);
      // a new group per run, starting at the log end: records of earlier runs are not replayed
      admin.startGroupAt(group, start);

      Result result;
      try (KupServiceThread service = startService(serviceSettings(kafka, db, group))) {
        Thread stopOnCtrlC = new Thread(service::close, "kup-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        String metricsUrl = "http://127.0.0.1:" + service.service().httpPort() + "/metrics";
        out.println("kup        consumer group " + group + ", metrics at " + metricsUrl
            + ", log in " + options.dataDir().resolve("kup.log"));
        MetricsScrape metrics = new MetricsScrape(URI.create(metricsUrl));

        long startNanos = System.nanoTime();
        CompletableFuture<PublishSummary> publishing =
            CompletableFuture.supplyAsync(() -> publish(kafka.bootstrapServers(), lines.toByteArray()));
        Optional<String> stopped =
            watch(admin, metrics, service, group, start, publishing, plan.records(), startNanos);
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        PublishSummary published = publishing.join();
        if (stopped.isPresent()) {
          return new Result(EXIT_DID_NOT_ADD_UP, Optional.empty(), List.of(stopped.get()));
        }
        MetricsScrape.Snapshot last = settledMetrics(metrics, published.sent());
        DemoDatabase.Totals table = db.totals();
        DemoSummary summary = new DemoSummary(
            published.sent(),
            table.versionSum(),
            last.outcome("conflict") + last.outcome("not_found"),
            DeadLetterTally.count(kafkaClientSettings(kafka), deadLetterStart,
                admin.endOffsets(deadLetterTopic), group),
            last.outcome("applied"),
            table,
            duration,
            metricsUrl);
        out.println(summary.render());
        List<String> problems = summary.problems(plan, options.rows());
        problems.forEach(p -> out.println("  DID NOT ADD UP: " + p));
        if (problems.isEmpty()) {
          out.println("  Every record was applied once or dead-lettered with its reason; the table"
              + " matches the stream.");
        }
        result = new Result(problems.isEmpty() ? EXIT_OK : EXIT_DID_NOT_ADD_UP,
            Optional.of(summary), problems);
        if (options.keepRunning()) {
          out.println("\nkup keeps running: " + metricsUrl + ", /health/ready; publish more with"
              + " KUP_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers() + ". Ctrl-C stops everything.");
          new CountDownLatch(1).await();
        }
        Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
      }
      forget(admin, db, group);
      return result;
    }
  }

  private PublishSummary publish(String bootstrapServers, byte[] lines) {
    Map<String, Object> config = ProducerProperties.resolve(env, bootstrapServers, Map.of());
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    try (Producer<String, byte[]> producer = ProducerFactory.kafka().create(config);
        PrintStream err = new PrintStream(errors, true)) {
      // unchecked: the poison records must reach Kafka, as a broken producer's would
      PublishSummary summary = new Publisher(producer, topic, LineCheck.unchecked(), err)
          .publish(new ByteArrayInputStream(lines));
      if (summary.failed() > 0) {
        out.println("\npublishing failed for " + summary.failed() + " records:\n" + errors);
      }
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Shows the status until every record is committed; returns why it stopped early, if it did.
   */
  private Optional<String> watch(KafkaAdmin admin, MetricsScrape metrics, KupServiceThread service,
      String group, Map<TopicPartition, Long> start, CompletableFuture<PublishSummary> publishing,
      long total, long startNanos) throws InterruptedException {
    StatusLine status = new StatusLine(out, terminal);
    long startSum = sum(start);
    long lastCommitted = -1;
    long lastChangeNanos = System.nanoTime();
    try {
      while (true) {
        Map<TopicPartition, Long> end = admin.endOffsets(topic);
        Map<TopicPartition, Long> committed = new HashMap<>(start);
        admin.committedOffsets(group).forEach((tp, offset) -> {
          if (tp.topic().equals(topic)) {
            committed.put(tp, offset);
          }
        });
        long done = sum(committed) - startSum;
        Progress progress = new Progress(total, sum(end) - startSum, done,
            sum(end) - sum(committed), scrapeOrEmpty(metrics), System.nanoTime() - startNanos);
        status.show(progress);
        if (publishing.isDone() && done >= publishing.join().sent()) {
          return Optional.empty();
        }
        if (service.failure().isPresent() || !service.isRunning()) {
          return Optional.of("the service stopped: "
              + service.failure().map(Throwable::toString).orElse("see the log"));
        }
        if (done != lastCommitted) {
          lastCommitted = done;
          lastChangeNanos = System.nanoTime();
        } else if (System.nanoTime() - lastChangeNanos > STALL_TIMEOUT.toNanos()) {
          return Optional.of("no record was committed for " + STALL_TIMEOUT.toSeconds() + " s; see "
              + options.dataDir().resolve("kup.log"));
        }
        Thread.sleep(terminal ? 200 : 500);
      }
    } finally {
      status.finish();
    }
  }

  /** The counters once every published record has its outcome counted (or after 10 s). */
  private static MetricsScrape.Snapshot settledMetrics(MetricsScrape metrics, long published)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    MetricsScrape.Snapshot snapshot = metrics.scrape();
    while (snapshot.recordsByOutcome().values().stream().mapToLong(Long::longValue).sum() < published
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      snapshot = metrics.scrape();
    }
    return snapshot;
  }

  private static MetricsScrape.Snapshot scrapeOrEmpty(MetricsScrape metrics) {
    try {
      return metrics.scrape();
    } catch (IllegalStateException notYet) {
      return MetricsScrape.Snapshot.EMPTY;
    }
  }

  /** The real service, wired by its own composition root from {@code settings}, on a thread. */
  private static KupServiceThread startService(Map<String, String> settings) {
    KupConfig config = KupConfig.from(ConfigSource.of(settings, Optional.empty()));
    return KupServiceThread.start(
        KupService.create(config, FaultPoints.NONE, Clock.systemUTC()), "kup-service");
  }

  /** Deletes the run's group from Kafka and from kup_offsets, so runs do not pile up state. */
  private void forget(KafkaAdmin admin, DemoDatabase db, String group) {
    try {
      admin.deleteGroup(group);
      db.forgetOffsets(group);
    } catch (IllegalStateException e) {
      out.println("(could not delete consumer group " + group + ": " + e.getMessage() + ")");
    }
  }

  private Map<String, String> serviceSettings(DemoKafka kafka, DemoDatabase db, String group) {
    Map<String, String> settings = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("KUP_")) {
        settings.put(name, value);
      }
    });
    settings.put("KUP_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    settings.putAll(db.serviceSettings());
    settings.put("KUP_TABLES", DemoStream.TABLE);
    settings.put("KUP_GROUP_ID", group);
    settings.putIfAbsent("KUP_HTTP_PORT", Integer.toString(portIfFree(DEFAULT_HTTP_PORT)));
    return settings;
  }

  private Map<String, String> kafkaClientSettings() {
    return ProducerProperties.fromEnvironment(env);
  }

  private Map<String, Object> kafkaClientSettings(DemoKafka kafka) {
    Map<String, Object> settings = new HashMap<>(kafkaClientSettings());
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return settings;
  }

  /** {@code port} when nothing listens on it, else 0 (any free port). */
  private static int portIfFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
      return port;
    } catch (IOException taken) {
      return 0;
    }
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
