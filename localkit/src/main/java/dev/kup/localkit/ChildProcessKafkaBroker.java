package dev.kup.localkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A single-node KRaft Kafka (broker and controller in one process) running as a child JVM with the
 * server classpath from {@code kup-localkit-broker}, so the server's Scala, log4j and slf4j never
 * meet this JVM's. It listens on 127.0.0.1 only, on ports chosen at creation and kept across
 * {@link #stop()} and {@link #start()}, and keeps its data and {@code broker.log} in its own
 * temporary directory.
 *
 * <p>Start and stop are serialized; the query methods may run concurrently with each other. A
 * shutdown hook kills the child and deletes the directory, so no broker outlives the JVM that started it.
 * {@link #startIn(Path)} instead keeps a directory of the caller's across JVMs (the demo's local
 * broker): its hook stops the child cleanly and deletes nothing.
 */
public final class ChildProcessKafkaBroker implements KafkaBroker, AutoCloseable {

  static final String CLASSPATH_RESOURCE = "/dev/kup/localkit/broker.classpath";
  static final String LOG_CONFIG_RESOURCE = "/dev/kup/localkit/broker-log4j2.properties";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  // C1 only and the serial collector: on 2 cores shared with the test JVM, start-up dominates a
  // test broker's CPU time, and starts measured ~40% faster this way; test traffic is light.
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  private static final int LOG_LINES_IN_ERRORS = 50;

  private static final String SERVER_PROPERTIES = "server.properties";

  private final Path workDir;
  private final int port;
  private final String classpath;
  private final boolean keepData;
  private final Thread cleanupOnShutdown;
  private volatile JvmProcess process;

  private ChildProcessKafkaBroker(Path workDir, int port, String classpath, boolean keepData) {
    this.workDir = workDir;
    this.port = port;
    this.classpath = classpath;
    this.keepData = keepData;
    this.cleanupOnShutdown =
        new Thread(keepData ? this::stop : this::killAndDelete, "kup-kafka-cleanup");
  }

  /**
   * Creates a temporary directory, formats a new cluster in it and starts the broker. The caller
   * owns the result and closes it.
   *
   * @throws IllegalStateException with the end of {@code broker.log} if it does not come up; the
   *     directory then stays until the JVM exits
   */
  public static ChildProcessKafkaBroker startNew() {
    String classpath = serverClasspath();
    try {
      Path workDir = Files.createTempDirectory("kup-kafka-");
      int controllerPort = freePort();
      ChildProcessKafkaBroker broker =
          new ChildProcessKafkaBroker(workDir, freePort(), classpath, false);
      broker.writeConfig(controllerPort);
      Runtime.getRuntime().addShutdownHook(broker.cleanupOnShutdown);
      broker.format();
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a Kafka broker directory", e);
    }
  }

  /**
   * Starts a broker whose data, configuration and {@code broker.log} live in {@code dir} and
   * outlive this JVM. The first call creates the directory, picks two free ports and formats a new
   * cluster; a later call (from any JVM) finds its {@code server.properties} and starts the same
   * cluster on the same ports with the records it had, so a second run resumes where the first
   * stopped. {@link #close()} and JVM exit stop the broker cleanly and delete nothing.
   *
   * @throws IllegalStateException with the end of {@code broker.log} if it does not come up, for
   *     example because another process now holds one of the kept ports
   */
  public static ChildProcessKafkaBroker startIn(Path dir) {
    String classpath = serverClasspath();
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve(SERVER_PROPERTIES);
      boolean fresh = !Files.exists(config);
      int port = fresh ? freePort() : keptPort(config);
      ChildProcessKafkaBroker broker = new ChildProcessKafkaBroker(dir, port, classpath, true);
      if (fresh) {
        broker.writeConfig(freePort());
      }
      Runtime.getRuntime().addShutdownHook(broker.cleanupOnShutdown);
      if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
        broker.format(); // also after a first run that stopped between writing and formatting
      }
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka broker directory " + dir, e);
    }
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Returns the directory holding the data, the configuration and {@code broker.log}. */
  public Path workDir() {
    return workDir;
  }

  /** The broker JVM's process id while it runs; empty when it is not running. */
  public synchronized OptionalLong pid() {
    return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
  }

  @Override
  public boolean restartable() {
    return true;
  }

  /** Starts the broker if it is not running and returns once an Admin client gets an answer. */
  @Override
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    process =
        JvmProcess.start(
            classpath,
            "kafka.Kafka",
            jvmArgs(),
            List.of(path(SERVER_PROPERTIES)),
            Map.of(),
            logFile());
    awaitReady();
  }

  /** Sends SIGTERM, waits up to 30 s for a clean shutdown, then SIGKILL. No-op when stopped. */
  @Override
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.sigterm();
    try {
      process.waitFor(STOP_TIMEOUT);
    } catch (IllegalStateException stillRunning) {
      process.kill9();
    }
  }

  /** Stops the broker and deletes its directory, unless it was started with {@link #startIn}. */
  @Override
  public synchronized void close() {
    stop();
    if (!keepData) {
      deleteWorkDir();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnShutdown);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs anyway and finds nothing left to do
    }
  }

  @Override
  public String toString() {
    return "child process Kafka at " + bootstrapServers() + " in " + workDir;
  }

  private void awaitReady() {
    Properties config = new Properties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(config)) {
      Awaitility.await("Kafka broker at " + bootstrapServers())
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .failFast("the broker process exited", () -> !process.isAlive())
          .until(() -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty());
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      String what =
          process.isAlive()
              ? "did not answer within " + READY_TIMEOUT.toSeconds() + " s"
              : "exited with code " + process.waitFor(Duration.ZERO) + " while starting";
      process.kill9();
      throw new IllegalStateException(
          "Kafka broker "
              + what
              + "; last lines of "
              + logFile()
              + ":\n"
              + process.logTail(LOG_LINES_IN_ERRORS),
          e);
    }
  }

  private void format() {
    List<String> args =
        List.of(
            "format",
            "--standalone",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            path(SERVER_PROPERTIES));
    JvmProcess tool =
        JvmProcess.start(
            classpath, "kafka.tools.StorageTool", jvmArgs(), args, Map.of(), logFile());
    int exitCode = tool.waitFor(READY_TIMEOUT);
    if (exitCode != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed with exit code "
              + exitCode
              + "; last lines of "
              + logFile()
              + ":\n"
              + tool.logTail(LOG_LINES_IN_ERRORS));
    }
  }

  private void writeConfig(int controllerPort) throws IOException {
    Properties server = BrokerSettings.singleNode(port, controllerPort, workDir.resolve("data"));
    try (Writer out = Files.newBufferedWriter(workDir.resolve(SERVER_PROPERTIES))) {
      server.store(out, "kup local broker");
    }
    try (InputStream logConfig = resource(LOG_CONFIG_RESOURCE)) {
      Files.copy(logConfig, workDir.resolve("log4j2.properties"));
    }
  }

  /** The client port a kept directory's broker listens on, read back from its configuration. */
  private static int keptPort(Path config) throws IOException {
    Properties server = new Properties();
    try (InputStream in = Files.newInputStream(config)) {
      server.load(in);
    }
    return BrokerSettings.clientPort(server);
  }

  private List<String> jvmArgs() {
    return Stream.concat(
            JVM_OPTIONS.stream(),
            Stream.of(
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + path("log4j2.properties")))
        .toList();
  }

  private void killAndDelete() {
    JvmProcess running = process;
    if (running != null && running.isAlive()) {
      running.kill9();
    }
    deleteWorkDir();
  }

  private void deleteWorkDir() {
    if (!Files.exists(workDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(workDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + workDir, e);
    }
  }

  private Path logFile() {
    return workDir.resolve("broker.log");
  }

  private String path(String fileName) {
    return workDir.resolve(fileName).toString();
  }

  /** Reads the classpath written by kup-localkit-broker and checks that its jars still exist. */
  static String serverClasspath() {
    try (InputStream in = resource(CLASSPATH_RESOURCE)) {
      String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      Arrays.stream(classpath.split(java.io.File.pathSeparator))
          .filter(jar -> !Files.exists(Path.of(jar)))
          .findFirst()
          .ifPresent(
              missing -> {
                throw new IllegalStateException(
                    "Kafka server jar "
                        + missing
                        + " listed in "
                        + CLASSPATH_RESOURCE
                        + " is missing; rebuild it with ./mvnw -pl localkit -am install");
              });
      return classpath;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ChildProcessKafkaBroker.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name
              + " is not on the classpath; it comes from"
              + " dev.kup:kup-localkit-broker, which kup-localkit depends on");
    }
    return in;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
