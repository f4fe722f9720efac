package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.consumer.config.RouterConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each Kafka client of a process has its own client.id, unless the user names them all. */
class KafkaClientPropertiesTest {
  private static final String CLIENT_ID = "client.id";
  private static final String PID = Long.toString(ProcessHandle.current().pid());

  private static Map<String, String> consumerEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("KUP_DB_URL", "jdbc:postgresql://db/app");
    env.put("KUP_TABLES", "accounts");
    return env;
  }

  private static Map<String, String> routerEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("KUP_ROLE", "router");
    env.put("KUP_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("KUP_ROUTER_INPUT_TOPICS", "feed");
    return env;
  }

  private static KupConfig consumer(Map<String, String> env) {
    return KupConfig.from(ConfigSource.of(env, Optional.empty()));
  }

  private static RouterConfig router(Map<String, String> env) {
    return RouterConfig.from(ConfigSource.of(env, Optional.empty()));
  }

  private static List<Object> consumerClientIds(KupConfig config) {
    return List.of(KafkaClientProperties.consumer(config).get(CLIENT_ID),
        KafkaClientProperties.deadLetterProducer(config).get(CLIENT_ID),
        KafkaClientProperties.admin(config).get(CLIENT_ID));
  }

  private static List<Object> routerClientIds(RouterConfig config) {
    return List.of(KafkaClientProperties.streams(config).get(CLIENT_ID),
        KafkaClientProperties.admin(config).get(CLIENT_ID));
  }

  @Test
  void everyClientNamesItsPartTheHostAndTheProcess() {
    assertThat(consumerClientIds(consumer(consumerEnv()))).map(String::valueOf).satisfiesExactly(
        id -> assertThat(id).startsWith("kup-consumer-").endsWith("-" + PID),
        id -> assertThat(id).startsWith("kup-dlq-").endsWith("-" + PID),
        id -> assertThat(id).startsWith("kup-admin-").endsWith("-" + PID));
    assertThat(routerClientIds(router(routerEnv()))).map(String::valueOf).satisfiesExactly(
        id -> assertThat(id).startsWith("kup-router-").endsWith("-" + PID),
        id -> assertThat(id).startsWith("kup-admin-").endsWith("-" + PID));
  }

  @Test
  void anInstanceIdNamesTheProcessInstead() {
    Map<String, String> consumerEnv = consumerEnv();
    consumerEnv.put("KUP_INSTANCE_ID", "kup-7d9f");
    Map<String, String> routerEnv = routerEnv();
    routerEnv.put("KUP_INSTANCE_ID", "router-0");

    assertThat(consumerClientIds(consumer(consumerEnv)))
        .containsExactly("kup-consumer-kup-7d9f", "kup-dlq-kup-7d9f", "kup-admin-kup-7d9f");
    assertThat(routerClientIds(router(routerEnv)))
        .containsExactly("kup-router-router-0", "kup-admin-router-0");
  }

  @Test
  void kupKafkaClientIdIsEveryClientsIdAsItIs() {
    Map<String, String> consumerEnv = consumerEnv();
    consumerEnv.put("KUP_KAFKA_CLIENT_ID", "billing-sync");
    Map<String, String> routerEnv = routerEnv();
    routerEnv.put("KUP_KAFKA_CLIENT_ID", "billing-cdc");

    assertThat(consumerClientIds(consumer(consumerEnv))).containsOnly("billing-sync");
    assertThat(routerClientIds(router(routerEnv))).containsOnly("billing-cdc");
  }
}
