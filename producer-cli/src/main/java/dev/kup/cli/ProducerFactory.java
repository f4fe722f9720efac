package dev.kup.cli;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Makes the producer a command sends with; tests substitute one that needs no broker. */
@FunctionalInterface
public interface ProducerFactory {

  /**
   * A new producer; the caller closes it.
   *
   * @param config Kafka producer properties, without serializers
   * @throws org.apache.kafka.common.KafkaException when the configuration is invalid
   */
  Producer<String, byte[]> create(Map<String, Object> config);

  /** A real {@link KafkaProducer} with String keys and byte[] values. */
  static ProducerFactory kafka() {
    return config -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
