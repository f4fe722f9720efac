package dev.kup.bench.phase;

import dev.kup.bench.BenchOptions;
import dev.kup.bench.data.BenchDatabase;
import dev.kup.bench.data.BenchStream;
import dev.kup.bench.data.Dataset;
import dev.kup.bench.data.ExpectedState;
import dev.kup.bench.data.TableVerifier;
import dev.kup.bench.data.Verification;
import dev.kup.bench.kafka.BacklogPublisher;
import dev.kup.bench.kafka.BenchTopics;
import dev.kup.bench.measure.ProcSource;
import dev.kup.bench.method.KupJar;
import dev.kup.localkit.ChildProcessKafkaBroker;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the phases of one run share: options, database, dataset, the generated streams, and Kafka
 * (started on first use, with each backlog topic published once). Progress goes to {@code
 * progress}; the table alone goes to stdout. Used by one thread.
 */
public final class BenchContext implements AutoCloseable {

  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final BenchOptions options;
  private final BenchDatabase database;
  private final Dataset dataset;
  private final TableVerifier verifier;
  private final ProcSource proc;
  private final PrintStream progress;
  private final String runId;
  private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<BenchStream, UpdateStream> streams = new HashMap<>();
  private final Map<String, String> publishedTopics = new LinkedHashMap<>();
  private ChildProcessKafkaBroker broker;
  private final java.util.concurrent.atomic.AtomicInteger groups =
      new java.util.concurrent.atomic.AtomicInteger();
  private String bootstrapServers;
  private BenchTopics topics;
  private KupJar kupJar;

  public BenchContext(BenchOptions options, ProcSource proc, PrintStream progress, String runId) {
    this.options = options;
    this.database = new BenchDatabase(options.dbUrl(), options.dbUser(), options.dbPassword());
    this.dataset = new Dataset(database, options.rows());
    this.verifier = new TableVerifier(database);
    this.proc = proc;
    this.progress = progress;
    this.runId = runId;
    this.bootstrapServers = options.bootstrapServers();
  }

  public BenchOptions options() {
    return options;
  }

  public BenchDatabase database() {
    return database;
  }

  public Dataset dataset() {
    return dataset;
  }

  /** Where the CPU figures are read: this machine's {@code /proc}. */
  public ProcSource proc() {
    return proc;
  }

  /**
   * The consumer jar the kup phases run: a copy of {@code --kup-jar} taken on first use, so later
   * phases run the same build.
   */
  public KupJar kupJar() {
    if (kupJar == null) {
      kupJar = timed("snapshot kup jar", () -> KupJar.snapshot(options.kupJar(),
          options.outputDir().resolve("kup-consumer-under-test.jar")));
      note("kup under test: " + kupJar.source() + " modified " + kupJar.modified() + ", sha256 "
          + kupJar.sha256().substring(0, 16) + "…");
    }
    return kupJar;
  }

  /** The generated update-only stream of a distribution. */
  public UpdateStream stream(KeyDistribution keys) {
    return stream(BenchStream.updates(keys));
  }

  /**
   * The generated stream, made on first use from the run's seed: {@code --updates} records over
   * the loaded rows, the given share of them upserts inserting new rows.
   */
  public UpdateStream stream(BenchStream spec) {
    KeyDistribution keys = spec.keys();
    return streams.computeIfAbsent(spec, s -> timed("generate " + s.label() + " stream",
        () -> UpdateStream.generate(Dataset.tableRows(options.rows()), options.updates(),
            keys.sampler(options.rows()), s.insertShare(), options.seed() + keys.ordinal())));
  }

  /** Compares {@code bench_accounts} with the state {@code applied} must have produced. */
  public Verification verify(UpdateStream applied) {
    return timed("verify", () -> verifier.verify(ExpectedState.replay(applied, options.rows())));
  }

  /** The broker address, starting the benchmark's own broker on first use unless one was given. */
  public String bootstrapServers() {
    if (bootstrapServers == null) {
      broker = timed("start Kafka broker", ChildProcessKafkaBroker::startNew);
      bootstrapServers = broker.bootstrapServers();
      log("Kafka broker at " + bootstrapServers + " (" + broker.workDir() + ")");
    }
    return bootstrapServers;
  }

  /**
   * The process id of the benchmark's own broker. Null when the broker is external, not started
   * yet, or not running.
   */
  public Long brokerPid() {
    return broker == null ? null : broker.pid().stream().boxed().findFirst().orElse(null);
  }

  public BenchTopics topics() {
    if (topics == null) {
      topics = new BenchTopics(bootstrapServers());
    }
    return topics;
  }

  /**
   * The topic name for {@code base}: as is on the benchmark's own broker, with the run id
   * appended on a given one, whose topics may be left from an earlier run.
   */
  public String topic(String base) {
    return options.bootstrapServers() == null ? base : base + "-" + runId;
  }

  /** A consumer group no earlier run, and no earlier call of this run, used. */
  public String freshGroup(String what) {
    return "bench-" + what + "-" + runId + "-" + groups.incrementAndGet();
  }

  /**
   * The topic holding {@code stream} as a backlog, publishing it on first use.
   *
   * @param base the topic's base name, e.g. {@code bench-uniform}
   */
  public String backlog(String base, UpdateStream stream) {
    String topic = topic(base);
    if (!publishedTopics.containsKey(topic)) {
      double perSecond = timed("publish " + topic,
          () -> new BacklogPublisher(bootstrapServers(), topics()).publish(stream, topic));
      log(String.format("published %,d records to %s at %,.0f/s", stream.size(), topic,
          perSecond));
      publishedTopics.put(topic, topic);
    }
    return topic;
  }

  /** The file a child process of this run logs to. */
  public Path logFile(String name) {
    return options.outputDir().resolve("logs").resolve(name + ".log");
  }

  /** Runs a step, records its wall seconds under {@code step}, and rethrows unchecked. */
  public <T> T timed(String step, Callable<T> work) {
    log(step + " …");
    long start = System.nanoTime();
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StepFailedException(step, e);
    } finally {
      stepSeconds.merge(step, (System.nanoTime() - start) / 1e9, Double::sum);
    }
  }

  /** Prints a progress line with the time of day. */
  public void log(String line) {
    progress.println("[" + LocalTime.now().format(TIME_OF_DAY) + "] " + line);
    progress.flush();
  }

  /** Keeps a remark for the report and prints it. */
  public void note(String remark) {
    notes.add(remark);
    log("note: " + remark);
  }

  public Map<String, Double> stepSeconds() {
    return stepSeconds;
  }

  public List<String> notes() {
    return notes;
  }

  /** Closes the admin client and stops the benchmark's own broker, deleting its data. */
  @Override
  public void close() {
    if (topics != null) {
      topics.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** A step failed with a checked exception; the message names the step. */
  public static final class StepFailedException extends RuntimeException {
    StepFailedException(String step, Exception cause) {
      super(step + ": " + cause, cause);
    }
  }
}
