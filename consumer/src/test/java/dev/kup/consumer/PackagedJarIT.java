package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's run command, {@code java @consumer/jvm.options -Xmx256m -jar
 * consumer/target/kup-consumer.jar} with KUP_* settings (an option the JVM refused would stop it
 * from starting).
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class PackagedJarIT {
  private static final Path JAR = Path.of("target", "kup-consumer.jar");
  private static final Path JVM_OPTIONS = Path.of("jvm.options");
  private static final Path LOGS = Path.of("target", "process-logs");
  private static final String PASSWORD = "pw-that-must-never-be-logged";
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  /** The password comes only from a file, as a mounted container secret; it is never logged. */
  @Test
  void thePackagedJarAppliesUpdatesLogsJsonHidesSecretsAndStopsCleanly() throws IOException {
    assertThat(JAR).as("built by the package phase").exists();
    AccountsModel model = new AccountsModel(100, 1);
    AccountsModel.createTable(dsl, model.rows());
    ServiceEnv env = new ServiceEnv(broker, db, "packaged-jar")
        .without("KUP_DB_PASSWORD")
        .with("KUP_DB_PASSWORD_FILE", secretFile("packaged-jar.password").toString())
        .with("KUP_LOG_LEVEL", "DEBUG");
    broker.createTopic(env.topic(), 3);
    try (TestPublisher publisher = new TestPublisher(broker.bootstrapServers(), env.topic())) {
      publisher.publishRandomUpdates(model, 500);
      publisher.publish(UpdateRecord.update("accounts", Map.of("id", 5L), 0).set("status", "stale"));
    }

    Path log = LOGS.resolve("packaged-jar.log");
    Files.deleteIfExists(log);
    assertThat(JVM_OPTIONS).exists();
    JvmProcess service = JvmProcess.startJar(JAR,
        List.of("@" + JVM_OPTIONS.toAbsolutePath(), "-Xmx256m"), List.of(), env.asMap(), log);
    Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(1));
    service.sigterm();

    assertThat(service.waitFor(Duration.ofSeconds(30))).as(service.logTail(20)).isZero();
    assertThat(model.differences(dsl)).isEmpty();
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(PASSWORD));
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      assertThatCode(() -> json.readTree(line)).as("one JSON object per line: %s", line)
          .doesNotThrowAnyException();
      JsonNode event = json.readTree(line);
      assertThat(event.has("@timestamp") && event.has("log.level") && event.has("message"))
          .as("ECS fields in %s", line).isTrue();
      assertThat(event.path("service.name").asText()).as(line).isEqualTo("kup");
      assertThat(event.path("service.version").asText()).as(line).isEqualTo(projectVersion());
    }
    List<JsonNode> events = lines.stream().map(PackagedJarIT::readJson).toList();
    assertThat(events).filteredOn(e -> e.path("event.code").asText().equals("SERVICE_STOPPED"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("message").asText()).isEqualTo("consumer stopped"));
    assertThat(events).filteredOn(e -> e.path("event.code").asText().equals("SERVICE_CONFIGURED"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("message").asText()).contains("dbPassword=[redacted]"));
    assertThat(events).extracting(e -> e.path("message").asText())
        .noneMatch(message -> message.contains("event.code"));
    // the stale update's dead letter and its batch's log line carry the same trace id
    var deadLetters = broker.readAll(env.deadLetterTopic());
    assertThat(deadLetters).hasSize(1);
    String traceId = ResilienceIT.header(deadLetters.get(0), "kup.dlq.trace.id");
    List<JsonNode> batchLines = new ArrayList<>();
    for (JsonNode event : events) {
      if (event.path("event.code").asText().equals("BATCH_COMMITTED")) {
        batchLines.add(event);
      }
    }
    assertThat(batchLines).isNotEmpty().allMatch(e -> e.path("trace.id").asText().matches("[0-9a-f]{32}"));
    assertThat(batchLines).filteredOn(e -> e.path("trace.id").asText().equals(traceId))
        .singleElement()
        .satisfies(e -> assertThat(e.path("message").asText()).contains("deadLettered=1")
            .contains("topic=" + env.topic()).contains("firstOffset=").contains("durationMs="));
  }

  /**
   * The database here trusts every local connection, so a password that did not arrive would go
   * unnoticed: this server asks for it, and shows which one the service's connection sent.
   */
  @Test
  void aPasswordGivenOnlyByFileIsTheOneTheDatabaseConnectionSends() throws IOException {
    try (PasswordCapturingServer server = new PasswordCapturingServer()) {
      Map<String, String> env = new HashMap<>(new ServiceEnv(broker, db, "packaged-secret")
          .withDbPort(server.port())
          .without("KUP_DB_PASSWORD")
          .with("KUP_DB_PASSWORD_FILE", secretFile("packaged-secret.password").toString())
          .asMap());

      JvmProcess service = JvmProcess.startJar(JAR, List.of(), List.of(), env,
          freshLog("packaged-secret.log"));
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> !server.passwords().isEmpty());
      } finally {
        service.sigterm();
        service.waitFor(Duration.ofSeconds(30));
      }

      assertThat(server.passwords()).as(service.logTail(20)).isNotEmpty().containsOnly(PASSWORD);
      assertThat(Files.readString(service.logFile())).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aSecretFileThatCannotBeReadFailsAtStartNamingTheVariable() throws IOException {
    Map<String, String> env = new HashMap<>(new ServiceEnv(broker, db, "packaged-nofile")
        .without("KUP_DB_PASSWORD")
        .with("KUP_DB_PASSWORD_FILE", "/run/secrets/not-mounted")
        .asMap());

    JvmProcess service = JvmProcess.startJar(JAR, List.of(), List.of(), env,
        freshLog("packaged-nofile.log"));

    assertThat(service.waitFor(Duration.ofSeconds(30))).as(service.logTail(10)).isEqualTo(2);
    assertThat(service.logTail(5))
        .contains("KUP_DB_PASSWORD_FILE: cannot read /run/secrets/not-mounted");
  }

  /** A file holding {@link #PASSWORD} and a line break, as {@code echo > file} writes it. */
  private static Path secretFile(String name) throws IOException {
    Files.createDirectories(LOGS);
    return Files.writeString(LOGS.resolve(name), PASSWORD + "\n");
  }

  /** The router's lines name the router; the role is known before the configuration fails. */
  @Test
  void theRoutersLogLinesNameTheRouterAndTheirEventCode() throws IOException {
    Map<String, String> env = Map.of("KUP_ROLE", "router",
        "KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());

    JvmProcess router = JvmProcess.startJar(JAR, List.of(), List.of(), env,
        freshLog("packaged-router-config.log"));

    assertThat(router.waitFor(Duration.ofSeconds(30))).as(router.logTail(10)).isEqualTo(2);
    assertThat(Files.readAllLines(router.logFile())).filteredOn(l -> l.startsWith("{"))
        .map(PackagedJarIT::readJson).singleElement().satisfies(e -> {
          assertThat(e.path("event.code").asText()).isEqualTo("CONFIG_INVALID");
          assertThat(e.path("service.name").asText()).isEqualTo("kup-router");
          assertThat(e.path("service.version").asText()).isEqualTo(projectVersion());
          assertThat(e.path("message").asText())
              .startsWith("invalid configuration: KUP_ROUTER_INPUT_TOPICS is required");
        });
  }

  /** A log file of that name, emptied: the process appends, and a rerun must not read old lines. */
  private static Path freshLog(String name) throws IOException {
    Path log = LOGS.resolve(name);
    Files.deleteIfExists(log);
    return log;
  }

  private static JsonNode readJson(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  /** The version in this module's pom.xml, its parent's. */
  private static String projectVersion() throws IOException {
    Matcher version = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).as("the parent's version in pom.xml").isTrue();
    return version.group(1);
  }

  @Test
  void invalidConfigurationFailsAtStartNamingTheSetting() throws IOException {
    Map<String, String> env = new HashMap<>(new ServiceEnv(broker, db, "packaged-bad").asMap());
    env.put("KUP_BATCH_LINGER_MS", "soon");

    JvmProcess service = JvmProcess.startJar(JAR, List.of(), List.of(), env,
        freshLog("packaged-bad.log"));

    assertThat(service.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(service.logTail(5)).contains("KUP_BATCH_LINGER_MS must be a whole number, got 'soon'");
  }

  /** The README's rule: a catalog that does not match KUP_TABLES is a configuration error. */
  @Test
  void aCatalogThatDoesNotMatchKupTablesExitsWithTheConfigurationCode() throws IOException {
    Map<String, String> env = new HashMap<>(new ServiceEnv(broker, db, "packaged-catalog").asMap());
    env.put("KUP_TABLES", "no_such_table");
    broker.createTopic("packaged-catalog", 1);

    JvmProcess service = JvmProcess.startJar(JAR, List.of(), List.of(), env,
        freshLog("packaged-catalog.log"));

    assertThat(service.waitFor(Duration.ofSeconds(60))).as(service.logTail(10)).isEqualTo(2);
    assertThat(service.logTail(5)).contains("no_such_table");
  }
}
