package dev.kup.router;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Makes the router's {@link KafkaStreams}, configured but not started: whoever runs it calls
 * {@link KafkaStreams#start()} and {@link KafkaStreams#close()}.
 */
public final class RouterStreams {
  private RouterStreams() {}

  /**
   * @param clientProperties Kafka client settings: {@code bootstrap.servers}, security and any
   *     Streams setting (e.g. {@code num.stream.threads}); see {@link #config} for what the router
   *     sets itself
   * @param clock the time dead letters say they failed at
   */
  public static KafkaStreams create(
      RouterOptions options, Map<String, ?> clientProperties, Clock clock) {
    return new KafkaStreams(
        new RouterTopology(options, clock).build(), config(options, clientProperties));
  }

  /**
   * The Streams configuration: the client properties, then what is not negotiable on top of them:
   * the application id from the options, {@code processing.guarantee=exactly_once_v2} (a record's
   * update or dead letter is written once, together with its input offset), byte-array serdes,
   * and {@link RecordTimestamps}.
   */
  public static Properties config(RouterOptions options, Map<String, ?> clientProperties) {
    Objects.requireNonNull(options, "options");
    Properties config = new Properties();
    config.putAll(clientProperties);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    config.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RecordTimestamps.class);
    return config;
  }
}
