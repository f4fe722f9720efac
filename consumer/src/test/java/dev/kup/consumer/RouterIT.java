package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.localkit.JvmProcess;
import dev.kup.localkit.KafkaBroker;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecordParser;
import dev.kup.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router ({@code KUP_ROLE=router}) as a real process against the real broker: killed with
 * SIGKILL mid-stream and restarted, it still writes every input record exactly once (a
 * read_committed reader sees each canonical record or dead letter once), keeps each row's order,
 * and serves its health and metrics.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RouterIT {
  private static final Path LOGS = Path.of("target", "router-logs");
  private static KafkaBroker broker;

  @BeforeAll
  static void setUp(KafkaBroker kafka) throws IOException {
    broker = kafka;
    Files.createDirectories(LOGS);
  }

  @Test
  void killedMidStreamItWritesEveryRecordOnceInEachRowsOrder() throws Exception {
    String input = "router-kill-in";
    String output = "router-kill-out";
    broker.createTopic(input, 3);
    broker.createTopic(output, 6);
    broker.createTopic(output + ".dlq", 6);

    int rows = 200;
    int versionsPerRow = 40;
    int events = rows * versionsPerRow;
    int port = freePort();
    Map<String, String> env = routerEnv(input, output, port);
    JvmProcess router = startRouter(env, "kill-1");
    await().atMost(Duration.ofMinutes(2)).until(() -> ready(port));

    // one wave of versions every 100 ms, so the kill lands while records flow
    ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    Publisher waves = new Publisher(input, rows, versionsPerRow, 4711L);
    publisher.scheduleAtFixedRate(waves, 0, 100, TimeUnit.MILLISECONDS);
    JvmProcess restarted;
    try {
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
          .until(() -> committedCount(output) >= events / 4);
      assertThat(waves.done()).as("killed mid-stream").isFalse();
      router.kill9();
      router.waitFor(Duration.ofSeconds(30));
      restarted = startRouter(env, "kill-2");
      await().atMost(Duration.ofMinutes(2)).until(waves::done);
    } finally {
      publisher.shutdownNow();
      waves.close();
    }
    try {
      await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
          .until(() -> committedCount(output) >= events);
      await().atMost(Duration.ofMinutes(1)).until(() -> ready(port));
      assertThat(metrics(port)).contains("kafka_stream_");
    } finally {
      restarted.sigterm();
      assertThat(restarted.waitFor(Duration.ofSeconds(60))).as("clean stop").isZero();
    }
    List<Integer> poisonAt = waves.poison();

    List<ConsumerRecord<byte[], byte[]>> routed = broker.readAll(output);
    assertThat(routed).as("every valid event exactly once").hasSize(events);
    Map<String, Long> lastVersion = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : routed) {
      DecodedUpdate.Valid update = (DecodedUpdate.Valid) new UpdateRecordParser().parse(record.value());
      String key = new String(record.key(), StandardCharsets.UTF_8);
      assertThat(key).isEqualTo(update.record().kafkaKey());
      long version = update.record().version();
      Long before = lastVersion.put(key, version);
      assertThat(before == null ? 0 : before).as("order of %s", key).isEqualTo(version - 1);
    }
    assertThat(lastVersion).hasSize(rows).allSatisfy((k, v) -> assertThat(v).isEqualTo(versionsPerRow));

    List<ConsumerRecord<byte[], byte[]>> letters = broker.readAll(output + ".dlq");
    assertThat(letters.stream().map(r -> DeadLetterOrigin.of(r.headers()).orElseThrow().where()).sorted()
        .toList()).as("every poison record once").hasSize(poisonAt.size());
    assertThat(letters).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.STAGE)).isEqualTo("route"));
  }

  /** Debezium-shaped events, one wave of versions per run, each row's on one input partition. */
  private static final class Publisher implements Runnable, AutoCloseable {
    private final String topic;
    private final int rows;
    private final int versions;
    private final Random random;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Integer> poison = Collections.synchronizedList(new ArrayList<>());
    private volatile int version;
    private int sent;

    Publisher(String topic, int rows, int versions, long seed) {
      this.topic = topic;
      this.rows = rows;
      this.versions = versions;
      this.random = new Random(seed);
      this.producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
          ProducerConfig.ACKS_CONFIG, "all"));
    }

    @Override
    public void run() {
      if (version >= versions) {
        return;
      }
      int v = version + 1;
      for (int id = 1; id <= rows; id++) {
        byte[] key = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, event(id, v, v == 1 ? "c" : "u")));
        if (random.nextInt(100) == 0) {
          producer.send(new ProducerRecord<>(topic, key, "{not json".getBytes(StandardCharsets.UTF_8)));
          poison.add(sent);
        }
        sent++;
      }
      producer.flush();
      version = v;
    }

    boolean done() {
      return version >= versions;
    }

    synchronized List<Integer> poison() {
      return List.copyOf(poison);
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(10));
    }
  }

  private static byte[] event(int id, int version, String op) {
    String after = "{\"id\":" + id + ",\"status\":\"s" + version + "\",\"rev\":" + version + "}";
    return ("{\"before\":null,\"after\":" + after + ",\"source\":{\"schema\":\"inventory\","
        + "\"table\":\"accounts\",\"lsn\":" + (1000L * version + id) + "},\"op\":\"" + op
        + "\",\"ts_ms\":1700000000000}").getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> routerEnv(String input, String output, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_ROLE", "router");
    env.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("KUP_ROUTER_INPUT_TOPICS", input);
    env.put("KUP_ROUTER_APPLICATION_ID", "kup-router-" + input);
    env.put("KUP_TOPIC", output);
    env.put("KUP_DLQ_TOPIC", output + ".dlq");
    env.put("KUP_ROUTER_SOURCES", "accounts:inventory.accounts");
    env.put("KUP_ROUTER_KEYS", "accounts:id");
    env.put("KUP_ROUTER_VERSIONS", "accounts:rev");
    env.put("KUP_HTTP_PORT", String.valueOf(port));
    env.put("KUP_LOG_LEVEL", "INFO");
    // a killed router's partitions move on after 6 s instead of 45 s
    env.put("KUP_KAFKA_SESSION_TIMEOUT_MS", "6000");
    env.put("KUP_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    return env;
  }

  private static JvmProcess startRouter(Map<String, String> env, String name) throws IOException {
    Path log = LOGS.resolve(name + ".log");
    Files.deleteIfExists(log);
    return JvmProcess.start("dev.kup.consumer.KupConsumerMain",
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of(), env, log);
  }

  private static long committedCount(String topic) {
    return broker.readAll(topic).size();
  }

  private static boolean ready(int port) {
    try {
      return get(port, "/health/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static String metrics(int port) throws IOException {
    return get(port, "/metrics").body();
  }

  private static HttpResponse<String> get(int port, String path) throws IOException {
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
