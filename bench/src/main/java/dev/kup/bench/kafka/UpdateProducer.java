package dev.kup.bench.kafka;

import dev.kup.localkit.stream.ChainedUpdate;
import dev.kup.localkit.stream.UpdateStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends updates of a stream to a topic, keyed per the contract ({@link ChainedUpdate#kafkaKey},
 * UTF-8) with the record's JSON ({@link ChainedUpdate#json}) as the value, from an idempotent
 * producer ({@code acks=all}, lz4). The default partitioner places each record. One thread sends; callbacks count
 * acknowledgements and keep the first failure.
 */
public final class UpdateProducer implements AutoCloseable {

  /** Settings for publishing a whole backlog as fast as the broker takes it. */
  public static final Map<String, Object> BACKLOG =
      Map.of(ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);

  /** Settings for publishing at a fixed rate: small batches, records leave within 5 ms. */
  public static final Map<String, Object> PACED =
      Map.of(ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 64 << 10);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public UpdateProducer(String bootstrapServers, String topic, Map<String, Object> tuning) {
    Map<String, Object> config = new java.util.HashMap<>(tuning);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(config);
    this.topic = topic;
  }

  /** Sends update {@code i} of {@code stream} asynchronously; its timestamp is the send time. */
  public void send(UpdateStream stream, int i) {
    ChainedUpdate update = stream.update(i);
    byte[] key = update.kafkaKey().getBytes(StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(topic, key, update.json()), (metadata, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else {
        failure.compareAndSet(null, error);
      }
    });
  }

  /**
   * Waits until everything sent is acknowledged.
   *
   * @return the number of records acknowledged so far
   * @throws IllegalStateException if any send failed: the topic would not hold the stream's prefix
   */
  public long flush() {
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new IllegalStateException("publishing to " + topic + " failed: " + error, error);
    }
    return acknowledged.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
