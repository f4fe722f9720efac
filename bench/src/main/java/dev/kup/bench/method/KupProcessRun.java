package dev.kup.bench.method;

import dev.kup.bench.data.BenchDatabase;
import dev.kup.bench.data.Dataset;
import dev.kup.bench.measure.ProcSource;
import dev.kup.bench.measure.ProcessMeter;
import dev.kup.bench.measure.ProcessUsage;
import dev.kup.localkit.JvmProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged kup consumer running as a child JVM the way the README runs it ({@code java
 * @consumer/jvm.options -Xmx256m -jar kup-consumer.jar}) with the settings it needs and nothing
 * else, so every tuning setting is at its default; its {@code /proc} entries read at start and
 * before it is stopped. One run per instance; methods are called from one thread.
 */
public final class KupProcessRun implements AutoCloseable {

  /** The heap the consumer gets. */
  public static final String HEAP = "-Xmx256m";

  /** kup's JVM options, a java argument file; relative to the repository, where bench/run.sh runs. */
  public static final Path JVM_OPTIONS_FILE = Path.of("consumer", "jvm.options");

  private static final Pattern METRICS_PORT = Pattern.compile("metricsPort=(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final JvmProcess process;
  private final ProcessMeter meter;
  private final Instant started;
  private final String groupId;

  private KupProcessRun(JvmProcess process, ProcessMeter meter, Instant started,
      String groupId) {
    this.process = process;
    this.meter = meter;
    this.started = started;
    this.groupId = groupId;
  }

  /**
   * Starts the consumer on {@code topic} with a group of its own.
   *
   * @param logFile where the consumer's stdout and stderr go
   */
  public static KupProcessRun start(Path jar, String bootstrapServers, BenchDatabase database,
      String topic, String groupId, Path logFile, ProcSource proc) throws IOException {
    return start(jar, bootstrapServers, database, topic, groupId, logFile, proc, Map.of());
  }

  /**
   * Starts the consumer like {@link #start(Path, String, BenchDatabase, String, String, Path,
   * ProcSource)} with {@code settings} on top: the {@code KUP_*} variables a phase's variant is
   * about, which win over BENCH_KUP_SETTINGS.
   */
  public static KupProcessRun start(Path jar, String bootstrapServers, BenchDatabase database,
      String topic, String groupId, Path logFile, ProcSource proc, Map<String, String> settings)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new NoSuchFileException(jar + " (build it: ./mvnw -pl consumer -am package)");
    }
    if (!Files.isRegularFile(JVM_OPTIONS_FILE)) {
      throw new NoSuchFileException(JVM_OPTIONS_FILE.toAbsolutePath()
          + " (run the benchmark from the repository: bench/run.sh)");
    }
    Files.deleteIfExists(logFile);
    Map<String, String> env = environment(bootstrapServers, database, topic, groupId);
    env.putAll(settings);
    Instant started = Instant.now();
    JvmProcess process = JvmProcess.startJar(jar, jvmOptions(), List.of(), env, logFile);
    return new KupProcessRun(process, ProcessMeter.start(process.pid(), proc), started,
        groupId);
  }

  /**
   * {@link #JVM_OPTIONS_FILE}, {@link #HEAP}, then BENCH_KUP_JVM_OPTS (whitespace-separated, e.g. a
   * JFR recording; later options win).
   */
  public static List<String> jvmOptions() {
    List<String> options = new java.util.ArrayList<>(
        List.of("@" + JVM_OPTIONS_FILE.toAbsolutePath(), HEAP));
    String extra = System.getenv("BENCH_KUP_JVM_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    return options;
  }

  /**
   * The only variables the benchmark sets; everything else is kup's default unless
   * BENCH_KUP_SETTINGS overrides it ({@code KUP_BATCH_MAX_RECORDS=5000,KUP_LINGER_MS=20}), which
   * is how a tuning experiment runs without changing a default.
   */
  static Map<String, String> environment(String bootstrapServers, BenchDatabase database,
      String topic, String groupId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUP_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("KUP_DB_URL", database.schemaUrl());
    env.put("KUP_DB_USER", database.user());
    if (database.password() != null) {
      env.put("KUP_DB_PASSWORD", database.password());
    }
    env.put("KUP_TABLES", Dataset.TABLE);
    env.put("KUP_TOPIC", topic);
    env.put("KUP_GROUP_ID", groupId);
    env.put("KUP_HTTP_PORT", "0");
    String overrides = System.getenv("BENCH_KUP_SETTINGS");
    if (overrides != null && !overrides.isBlank()) {
      for (String setting : overrides.split(",")) {
        String[] nameValue = setting.trim().split("=", 2);
        if (nameValue.length != 2 || !nameValue[0].startsWith("KUP_")) {
          throw new IllegalArgumentException("BENCH_KUP_SETTINGS: expected KUP_NAME=value, got '"
              + setting + "'");
        }
        env.put(nameValue[0], nameValue[1]);
      }
    }
    return env;
  }

  /** Waits for the log line carrying {@code metricsPort=} and returns the port. */
  public int metricsPort() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Matcher port = METRICS_PORT.matcher(readLog());
      if (port.find()) {
        return Integer.parseInt(port.group(1));
      }
      failIfExited();
      Thread.sleep(100);
    }
    throw new IllegalStateException("no metricsPort= in " + process.logFile() + " after "
        + START_TIMEOUT + ":\n" + process.logTail(30));
  }

  /** Waits until {@code /health/ready} answers 200: the consumer joined its group. */
  public void awaitReady(int port) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (get(port, "/health/ready").statusCode() == 200) {
        return;
      }
      failIfExited();
      Thread.sleep(200);
    }
    throw new IllegalStateException("kup not ready after " + START_TIMEOUT + ":\n"
        + process.logTail(30));
  }

  /** {@code GET /metrics} as text. */
  public String scrapeMetrics(int port) {
    HttpResponse<String> response = get(port, "/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + response.statusCode());
    }
    return response.body();
  }

  /**
   * Sends SIGTERM and waits for the exit.
   *
   * @return the exit code (0 expected) and what the process used over its life
   */
  public Stopped stop() {
    ProcessUsage usage = meter.stop();
    process.sigterm();
    int exitCode = process.waitFor(STOP_TIMEOUT);
    return new Stopped(exitCode, usage);
  }

  /** The consumer JVM's process id. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Instant started() {
    return started;
  }

  public String groupId() {
    return groupId;
  }

  public Path logFile() {
    return process.logFile();
  }

  /** Kills the process if it is still running (after a failure). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.kill9();
    }
  }

  private void failIfExited() {
    if (!process.isAlive()) {
      throw new IllegalStateException("kup exited with code " + process.waitFor(Duration.ZERO)
          + ":\n" + process.logTail(30));
    }
  }

  private String readLog() throws IOException {
    try {
      return Files.readString(process.logFile());
    } catch (NoSuchFileException notYet) {
      return "";
    }
  }

  private static HttpResponse<String> get(int port, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + path, e);
    }
  }

  /**
   * @param exitCode the consumer's exit code after SIGTERM
   * @param usage CPU and memory over the process's life up to the SIGTERM
   */
  public record Stopped(int exitCode, ProcessUsage usage) {}
}
