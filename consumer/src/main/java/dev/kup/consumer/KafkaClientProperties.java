package dev.kup.consumer;

import dev.kup.consumer.config.KupConfig;
import dev.kup.consumer.config.RouterConfig;
import dev.kup.schemas.ClientIds;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings kup needs, with {@code KUP_KAFKA_*} pass-through on top of defaults.
 * Every client's {@code client.id} names its part and this process ({@link #clientId}), so the
 * broker's metrics and quotas tell replicas apart; {@code KUP_KAFKA_CLIENT_ID} replaces them all.
 */
final class KafkaClientProperties {
  static final String CONSUMER = "kup-consumer";
  static final String DEAD_LETTERS = "kup-dlq";
  static final String ADMIN = "kup-admin";
  /** For Kafka Streams a prefix: its threads' clients append their own parts. */
  static final String ROUTER = "kup-router";

  private KafkaClientProperties() {}

  static Map<String, Object> consumer(KupConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.pipeline().groupId());
    // records of aborted producer transactions must never apply; overridable on purpose only
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.pipeline().batchLimits().maxRecords());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(CONSUMER, config.instanceId()));
    props.putAll(config.kafkaPassThrough());
    // never negotiable: offsets are committed by kup after the DB commit, values decoded by kup
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // nor is a silent reset: kup positions every partition itself (from the database, or the log
    // start for a new group) and handles a position that left the log (PollLoop.positionAgain)
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  static Map<String, Object> deadLetterProducer(KupConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(DEAD_LETTERS, config.instanceId()));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putAll(withoutConsumerOnly(config.kafkaPassThrough()));
    // dead letters must be acknowledged by all in-sync replicas, exactly once per send
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  static Map<String, Object> admin(KupConfig config) {
    Map<String, Object> props = new HashMap<>();
    props.putAll(withoutConsumerOnly(config.kafkaPassThrough()));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, clientId(ADMIN, config.instanceId()));
    return props;
  }

  /** The router's Kafka Streams application: every pass-through entry, then kup's. */
  static Map<String, Object> streams(RouterConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaPassThrough());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.putIfAbsent(StreamsConfig.CLIENT_ID_CONFIG, clientId(ROUTER, config.instanceId()));
    return props;
  }

  /** The router's admin client: the pass-through entries an admin client knows, then kup's. */
  static Map<String, Object> admin(RouterConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaPassThrough());
    props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, clientId(ADMIN, config.instanceId()));
    return props;
  }

  /**
   * {@code <part>-<KUP_INSTANCE_ID>}, else {@code <part>-<host>-<pid>}: unique per process, where
   * a host name alone is not (two processes on one machine).
   *
   * @param instanceId KUP_INSTANCE_ID, or null
   */
  static String clientId(String part, String instanceId) {
    return instanceId == null ? ClientIds.of(part) : part + "-" + instanceId;
  }

  /** Pass-through entries that only a consumer understands, so producers and admins don't warn. */
  private static Map<String, String> withoutConsumerOnly(Map<String, String> passThrough) {
    Map<String, String> shared = new HashMap<>(passThrough);
    shared.keySet().removeIf(k -> ConsumerConfig.configNames().contains(k)
        && !ProducerConfig.configNames().contains(k));
    return shared;
  }

  /** The producer's {@code max.request.size}: what it sets, else Kafka's default. */
  static int maxRequestSize(Map<String, Object> producer) {
    Object value = producer.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    return Integer.parseInt(value.toString());
  }
}
