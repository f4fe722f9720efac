package dev.kup.consumer;

import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes test records to a real broker, keyed per the contract unless told otherwise. */
final class TestPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  TestPublisher(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 10,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** Publishes the records in order and waits for every ack. */
  List<RecordMetadata> publish(List<UpdateRecord> records) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (UpdateRecord r : records) {
      acks.add(producer.send(new ProducerRecord<>(topic, utf8(r.kafkaKey()), UpdateRecordJson.toJson(r))));
    }
    return await(acks);
  }

  /** Publishes one record with the given key (null allowed) and raw value bytes (null allowed). */
  RecordMetadata publishRaw(String key, byte[] value) {
    return await(List.of(producer.send(new ProducerRecord<>(topic, utf8(key), value)))).get(0);
  }

  /** Publishes the record, keyed per the contract, to the given partition. */
  RecordMetadata publishTo(int partition, UpdateRecord r) {
    return await(List.of(producer.send(new ProducerRecord<>(topic, partition,
        utf8(r.kafkaKey()), UpdateRecordJson.toJson(r))))).get(0);
  }

  RecordMetadata publishRaw(String key, String value) {
    return publishRaw(key, utf8(value));
  }

  /** Publishes {@code count} valid random updates of the model, in chunks, waiting for acks. */
  void publishRandomUpdates(AccountsModel model, int count) {
    List<UpdateRecord> chunk = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chunk.add(model.nextUpdate());
      if (chunk.size() == 10_000) {
        publish(chunk);
        chunk.clear();
      }
    }
    publish(chunk);
  }

  RecordMetadata publish(UpdateRecord record) {
    return publish(List.of(record)).get(0);
  }

  private static List<RecordMetadata> await(List<Future<RecordMetadata>> acks) {
    List<RecordMetadata> metadata = new ArrayList<>();
    try {
      for (Future<RecordMetadata> ack : acks) {
        metadata.add(ack.get());
      }
    } catch (Exception e) {
      throw new IllegalStateException("publish failed", e);
    }
    return metadata;
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
