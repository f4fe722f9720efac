package dev.kup.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.KafkaBroker;
import dev.kup.localkit.PrometheusText;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container image, for real: run on the local Docker daemon with host networking (all traffic
 * on loopback) against the test broker and PostgreSQL, fed by the image's own {@code kup publish}.
 * Skipped, with the reason printed, where no daemon runs or no image was built; the image profiles
 * ({@code -Dkup.image.base=...}, as CI sets) make a missing daemon or image a failure instead.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class ImageIT {
  private static final String IMAGE = System.getProperty("kup.image", "kup:latest");
  private static final boolean REQUIRED = Boolean.getBoolean("kup.image.required");
  private static final int ROWS = 40;
  private static final long MEMORY_LIMIT = 512L * 1024 * 1024;
  private static final int GRACE_SECONDS = 60;
  private static final String NON_ROOT = "65532";

  private static KafkaBroker broker;
  private static TestDatabase db;
  private final String container = "kup-image-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void imageAndDaemon(KafkaBroker kafka, TestDatabase database) throws IOException {
    broker = kafka;
    db = database;
    String reason = DockerCli.unavailableReason();
    if (reason == null && DockerCli.run("image", "inspect", IMAGE).exitCode() != 0) {
      reason = "image " + IMAGE + " is not in the local daemon (build it: ./mvnw -pl deploy -am"
          + " package -Dkup.image.base=local)";
    }
    if (reason != null) {
      if (REQUIRED) {
        fail("the image profile is on, but: " + reason);
      }
      System.out.println("ImageIT skipped: " + reason);
      Assumptions.abort(reason);
    }
  }

  @AfterEach
  void removeContainer() throws IOException {
    DockerCli.run("rm", "-f", container);
  }

  @Test
  void theImageIsLabelledAndRunsAsTheNonRootUser() throws IOException {
    String config = DockerCli.run("image", "inspect", "-f",
        "{{.Config.User}} {{index .Config.Labels \"org.opencontainers.image.version\"}}"
            + " {{index .Config.Labels \"org.opencontainers.image.revision\"}}", IMAGE)
        .orFail("image inspect").stdout().strip();

    assertThat(config.split(" ")).hasSize(3);
    assertThat(config.split(" ")[0]).isEqualTo(NON_ROOT + ":" + NON_ROOT);
    assertThat(config.split(" ")[1]).isNotBlank().doesNotContain("<no value>");
    assertThat(config.split(" ")[2]).matches("[0-9a-f]{40}|\\$\\{git.commit.id}");
  }

  @Test
  void theCliRunsFromTheSameImage() throws IOException {
    DockerCli.Result help = DockerCli.run("run", "--rm", "--network", "host", "--read-only", IMAGE,
        "kup", "replay", "--help");

    assertThat(help.exitCode()).as(help.stderr()).isZero();
    assertThat(help.stdout()).contains("Usage: kup replay");
  }

  @Test
  void appliesUpdatesAsNonRootOnAReadOnlyRootAndStopsCleanlyWithinTheGracePeriod()
      throws Exception {
    String topic = "image-" + container;
    createAccounts();
    broker.createTopic(topic, 3);
    int port = freePort();
    startService(topic, port);

    awaitReady(port);
    publishWithTheImagesCli(topic);
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(statuses()).isEqualTo(expectedStatuses()));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(broker.committedOffsets("kup-" + topic, topic))
            .isEqualTo(broker.endOffsets(topic)));

    long pid = Long.parseLong(inspect("{{.State.Pid}}"));
    assertThat(uids(pid)).as("real, effective, saved and file-system uid").containsOnly(NON_ROOT);
    assertThat(rootMountOptions(pid)).contains("ro");
    String metrics = scrape(port);
    assertThat(heapMaxBytes(metrics)).as("heap from -XX:MaxRAMPercentage=75 of the memory limit")
        .isBetween((long) (MEMORY_LIMIT * 0.6), (long) (MEMORY_LIMIT * 0.76));
    assertThat(metrics).as("consumer/jvm.options in effect: the serial collector's heap pools")
        .contains("id=\"Tenured Gen\"");

    long started = System.nanoTime();
    DockerCli.run("stop", "-t", String.valueOf(GRACE_SECONDS), container).orFail("docker stop");
    Duration stopping = Duration.ofNanos(System.nanoTime() - started);

    assertThat(inspect("{{.State.ExitCode}}")).as(logs()).isEqualTo("0");
    assertThat(stopping).isLessThan(Duration.ofSeconds(GRACE_SECONDS));
    assertThat(logs()).contains("\"event.code\":\"SERVICE_STOPPED\"");
  }

  private void startService(String topic, int port) throws IOException {
    Map<String, String> env = Map.of(
        "KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
        "KUP_DB_URL", db.jdbcUrl(),
        "KUP_DB_USER", db.user(),
        "KUP_TABLES", "accounts",
        "KUP_TOPIC", topic,
        "KUP_DLQ_TOPIC", topic + ".dlq",
        "KUP_GROUP_ID", "kup-" + topic,
        "KUP_HTTP_PORT", String.valueOf(port));
    List<String> args = new ArrayList<>(List.of("run", "-d", "--name", container,
        "--network", "host", "--read-only", "--tmpfs", "/tmp",
        "--memory", String.valueOf(MEMORY_LIMIT)));
    env.forEach((name, value) -> args.addAll(List.of("-e", name + "=" + value)));
    args.add(IMAGE);
    DockerCli.run(args, null).orFail("docker run");
  }

  private void awaitReady(int port) {
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
      assertThat(inspect("{{.State.Running}}")).as(logs()).isEqualTo("true");
      HttpResponse<String> ready = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    });
  }

  private void publishWithTheImagesCli(String topic) throws IOException {
    String lines = IntStream.rangeClosed(1, ROWS)
        .mapToObj(id -> "{\"table\":\"accounts\",\"key\":{\"id\":" + id + "},\"version\":0,"
            + "\"set\":{\"status\":\"from-image-" + id + "\"}}")
        .collect(Collectors.joining("\n", "", "\n"));
    DockerCli.Result publish = DockerCli.run(List.of("run", "--rm", "-i", "--network", "host",
        "--read-only", IMAGE, "kup", "publish", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic", topic, "-"), lines);
    assertThat(publish.exitCode()).as(publish.stderr()).isZero();
  }

  private static void createAccounts() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS accounts");
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, status TEXT NOT NULL,"
          + " version BIGINT NOT NULL)");
      s.execute("INSERT INTO accounts SELECT g, 'new', 0 FROM generate_series(1, " + ROWS + ") g");
    }
  }

  private static Map<Long, String> statuses() throws SQLException {
    Map<Long, String> statuses = new java.util.TreeMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, status, version FROM accounts")) {
      while (rs.next()) {
        statuses.put(rs.getLong(1), rs.getString(2) + "@" + rs.getLong(3));
      }
    }
    return statuses;
  }

  private static Map<Long, String> expectedStatuses() {
    Map<Long, String> expected = new java.util.TreeMap<>();
    IntStream.rangeClosed(1, ROWS).forEach(id -> expected.put((long) id, "from-image-" + id + "@1"));
    return expected;
  }

  /** The Uid line of the process's status, as the host's kernel reports it. */
  private static List<String> uids(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
        .filter(l -> l.startsWith("Uid:"))
        .flatMap(l -> List.of(l.substring(4).trim().split("\\s+")).stream())
        .toList();
  }

  /** The mount options of the process's own root, from its mountinfo. */
  private static List<String> rootMountOptions(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "mountinfo")).stream()
        .map(l -> l.split(" "))
        .filter(f -> f[4].equals("/"))
        .flatMap(f -> List.of(f[5].split(",")).stream())
        .toList();
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static long heapMaxBytes(String metrics) {
    return (long) PrometheusText.parse(metrics).sum("jvm_memory_max_bytes", "area", "heap");
  }

  private String inspect(String format) throws IOException {
    return DockerCli.run("inspect", "-f", format, container).orFail("docker inspect").stdout().strip();
  }

  private String logs() throws IOException {
    DockerCli.Result logs = DockerCli.run("logs", "--tail", "40", container);
    return logs.stdout() + logs.stderr();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
