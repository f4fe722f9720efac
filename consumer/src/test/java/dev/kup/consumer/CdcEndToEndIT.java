package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.RouterConfig;
import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.KafkaBrokerExtension;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Change data capture end to end, against the real broker and PostgreSQL: Debezium-shaped events
 * (creates, updates, deletes, re-creates; some duplicated, some rows' events spread over input
 * partitions out of order) → the router → the consumer with the table in external-version mode →
 * the table equals the source's final state.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class CdcEndToEndIT {
  private static final String TABLE = "cdc_accounts";
  private static KafkaBroker broker;
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void setUp(KafkaBroker kafka, TestDatabase database) {
    broker = kafka;
    db = database;
    dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    dsl.execute("CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, status TEXT NOT NULL,"
        + " balance NUMERIC(12,2) NOT NULL, version BIGINT NOT NULL)");
  }

  @Test
  void duplicatedAndReorderedChangeEventsConvergeToTheSourcesFinalState() throws Exception {
    String input = "cdc.inventory.cdc_accounts";
    ServiceEnv env = new ServiceEnv(broker, db, "cdc-updates")
        .with("KUP_TABLES", TABLE)
        .with("KUP_VERSION_MODES", TABLE + ":external");
    broker.createTopic(input, 4);
    broker.createTopic(env.topic(), 6);
    broker.createTopic(env.deadLetterTopic(), 6);

    SourceHistory source = new SourceHistory(2_000, 20_260_412L);
    int sent = source.publish(input);

    Map<String, String> routerEnv = new HashMap<>();
    routerEnv.put("KUP_ROLE", "router");
    routerEnv.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    routerEnv.put("KUP_ROUTER_INPUT_TOPICS", input);
    routerEnv.put("KUP_ROUTER_APPLICATION_ID", "kup-router-cdc-e2e");
    routerEnv.put("KUP_TOPIC", env.topic());
    routerEnv.put("KUP_DLQ_TOPIC", env.deadLetterTopic());
    routerEnv.put("KUP_ROUTER_SOURCES", TABLE + ":inventory." + TABLE);
    routerEnv.put("KUP_ROUTER_KEYS", TABLE + ":id");
    routerEnv.put("KUP_ROUTER_VERSIONS", TABLE + ":source.lsn");
    routerEnv.put("KUP_HTTP_PORT", "0");
    RouterService router = RouterService.create(
        RouterConfig.from(ConfigSource.of(routerEnv, Optional.empty())), Clock.systemUTC());
    Thread routing = new Thread(router::run, "cdc-router");
    routing.start();
    try (InProcessService consumer = InProcessService.start(env)) {
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
          .until(() -> broker.readAll(env.topic()).size() == sent);
      Progress.awaitCaughtUp(broker, env.groupId(), env.topic(), Duration.ofMinutes(2));
      assertThat(consumer.failure()).isEmpty();
      ScrapedMetrics metrics = ScrapedMetrics.scrape(consumer.service().httpPort());
      assertThat(metrics.sum("kup_records_total", "outcome", "stale"))
          .as("duplicates and reordered changes arrived, and were stale").isPositive();
      assertThat(metrics.sum("kup_records_total", "outcome", "applied")
          + metrics.sum("kup_records_total", "outcome", "stale")).isEqualTo(sent);
    } finally {
      router.stop(Duration.ofSeconds(30));
      router.close();
    }

    assertThat(broker.readAll(env.deadLetterTopic())).as("nothing dead-lettered").isEmpty();
    assertThat(table()).isEqualTo(source.finalState());
  }

  private static Map<Long, String> table() {
    Map<Long, String> rows = new TreeMap<>();
    for (Record r : dsl.fetch("SELECT id, status, balance, version FROM " + TABLE)) {
      rows.put(r.get(0, Long.class), SourceHistory.row(r.get(1, String.class),
          r.get(2, BigDecimal.class), r.get(3, Long.class)));
    }
    return rows;
  }

  /**
   * A source table's history: per row a create, updates, perhaps a delete and a re-create, each
   * at a log position (lsn) that grows across the whole table, as a database's log does.
   */
  private static final class SourceHistory {
    private record Change(long id, String op, String status, BigDecimal balance, long lsn) {}

    private final List<List<Change>> rows = new ArrayList<>();
    private final Random random;

    SourceHistory(int rowCount, long seed) {
      random = new Random(seed);
      long lsn = 1_000;
      for (long id = 1; id <= rowCount; id++) {
        rows.add(new ArrayList<>());
      }
      // interleave rows' changes as a log would: rounds over every row
      for (int round = 0; round < 6; round++) {
        for (long id = 1; id <= rowCount; id++) {
          List<Change> history = rows.get((int) id - 1);
          boolean exists = !history.isEmpty() && !history.get(history.size() - 1).op().equals("d");
          if (round > 0 && random.nextInt(4) == 0) {
            continue; // this row did not change in this round
          }
          lsn += 1 + random.nextInt(5);
          String op = !exists ? "c" : (random.nextInt(8) == 0 ? "d" : "u");
          history.add(new Change(id, op, "s" + round + "-" + random.nextInt(100),
              BigDecimal.valueOf(random.nextInt(1_000_000), 2), lsn));
        }
      }
    }

    /** Publishes every change, some twice, some rows' changes scattered and shuffled. */
    int publish(String topic) {
      int sent = 0;
      Map<String, Object> config = Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
        for (List<Change> history : rows) {
          boolean scattered = random.nextInt(20) == 0;
          List<Change> order = new ArrayList<>(history);
          if (scattered) {
            Collections.shuffle(order, random);
          }
          for (Change change : order) {
            int copies = random.nextInt(10) == 0 ? 2 : 1;
            for (int i = 0; i < copies; i++) {
              byte[] key = ("{\"id\":" + change.id() + "}").getBytes(StandardCharsets.UTF_8);
              Integer partition = scattered ? random.nextInt(4) : null;
              producer.send(new ProducerRecord<>(topic, partition, key, event(change)));
              sent++;
            }
          }
        }
        producer.flush();
      }
      return sent;
    }

    private static byte[] event(Change c) {
      String row = "{\"id\":" + c.id() + ",\"status\":\"" + c.status() + "\",\"balance\":\""
          + c.balance().toPlainString() + "\"}";
      String before = c.op().equals("c") ? "null" : row;
      String after = c.op().equals("d") ? "null" : row;
      return ("{\"schema\":{\"type\":\"struct\",\"optional\":false},\"payload\":{\"before\":"
          + before + ",\"after\":" + after + ",\"source\":{\"connector\":\"postgresql\","
          + "\"schema\":\"inventory\",\"table\":\"" + TABLE + "\",\"lsn\":" + c.lsn() + "},"
          + "\"op\":\"" + c.op() + "\",\"ts_ms\":1764842400000}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Each row as its newest change left it; deleted rows absent. */
    Map<Long, String> finalState() {
      Map<Long, String> state = new TreeMap<>();
      for (List<Change> history : rows) {
        Change last = history.get(history.size() - 1);
        if (!last.op().equals("d")) {
          state.put(last.id(), row(last.status(), last.balance(), last.lsn()));
        }
      }
      return state;
    }

    static String row(String status, BigDecimal balance, long version) {
      return status + "|" + balance.setScale(2).toPlainString() + "|" + version;
    }
  }
}
