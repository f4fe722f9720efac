package dev.kup.consumer;

import dev.kup.localkit.KafkaBroker;
import dev.kup.testkit.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code KUP_*} environment of a consumer under test; each test names its own topic and group. */
public final class ServiceEnv {
  private final Map<String, String> env = new LinkedHashMap<>();

  public ServiceEnv(KafkaBroker broker, TestDatabase db, String topic) {
    this(broker, db.jdbcUrl(), db.user(), db.password(), topic);
  }

  /** @param user the database user, or null; @param password its password, or null */
  public ServiceEnv(KafkaBroker broker, String dbUrl, String user, String password, String topic) {
    env.put("KUP_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("KUP_DB_URL", dbUrl);
    if (user != null) {
      env.put("KUP_DB_USER", user);
    }
    if (password != null) {
      env.put("KUP_DB_PASSWORD", password);
    }
    env.put("KUP_TOPIC", topic);
    env.put("KUP_DLQ_TOPIC", topic + ".dlq");
    env.put("KUP_GROUP_ID", "kup-" + topic);
    env.put("KUP_TABLES", "accounts");
    env.put("KUP_RETRY_BACKOFF_MAX_MS", "2000");
    env.put("KUP_HTTP_PORT", "0"); // several consumers run side by side
    // a killed consumer's partitions move on after 6 s instead of the default 45 s
    env.put("KUP_KAFKA_SESSION_TIMEOUT_MS", "6000");
    env.put("KUP_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
  }

  /** Points the service at the database through another port on loopback (an outage proxy). */
  ServiceEnv withDbPort(int port) {
    env.put("KUP_DB_URL", env.get("KUP_DB_URL").replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/"));
    return this;
  }

  public ServiceEnv with(String name, String value) {
    env.put(name, value);
    return this;
  }

  public ServiceEnv without(String name) {
    env.remove(name);
    return this;
  }

  public String topic() {
    return env.get("KUP_TOPIC");
  }

  public String deadLetterTopic() {
    return env.get("KUP_DLQ_TOPIC");
  }

  public String groupId() {
    return env.get("KUP_GROUP_ID");
  }

  Map<String, String> asMap() {
    return Map.copyOf(env);
  }
}
