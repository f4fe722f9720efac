package dev.kup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kup.localkit.ChildProcessKafkaBroker;
import dev.kup.localkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ChildProcessBrokerIT {

  private final KafkaBroker broker;

  ChildProcessBrokerIT(KafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void roundTripsRecordsWithHeadersThroughThreePartitions() throws Exception {
    broker.createTopic("round-trip", 3);
    broker.createTopic("round-trip", 3);

    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 30; i++) {
        ProducerRecord<String, String> record =
            new ProducerRecord<>("round-trip", i % 3, "key-" + i, "value-" + i);
        record.headers().add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
      }
    }

    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("round-trip");
    assertThat(records).hasSize(30);
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(text(r.value()))
                    .isEqualTo("value-" + text(r.headers().lastHeader("n").value()))
                    .isEqualTo(text(r.key()).replace("key-", "value-")));
    assertThat(records)
        .isSortedAccordingTo(
            Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                .thenComparingLong(ConsumerRecord::offset));
    assertThat(broker.endOffsets("round-trip"))
        .isEqualTo(
            Map.of(
                new TopicPartition("round-trip", 0), 10L,
                new TopicPartition("round-trip", 1), 10L,
                new TopicPartition("round-trip", 2), 10L));
  }

  @Test
  void refusesToRecreateATopicWithAnotherPartitionCount() {
    broker.createTopic("fixed-count", 2);

    assertThatThrownBy(() -> broker.createTopic("fixed-count", 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exists with 2 partitions");
  }

  @Test
  void reportsCommittedOffsetsOnlyForPartitionsTheGroupCommitted() {
    broker.createTopic("committed", 3);
    TopicPartition first = new TopicPartition("committed", 0);
    TopicPartition second = new TopicPartition("committed", 1);

    try (KafkaConsumer<String, String> consumer = consumer("committing-group")) {
      consumer.assign(List.of(first, second));
      consumer.commitSync(
          Map.of(first, new OffsetAndMetadata(0), second, new OffsetAndMetadata(0)));
    }

    assertThat(broker.committedOffsets("committing-group", "committed"))
        .isEqualTo(Map.of(first, 0L, second, 0L));
    assertThat(broker.committedOffsets("committing-group", "other-topic")).isEmpty();
    assertThat(broker.committedOffsets("never-committed", "committed")).isEmpty();
  }

  @Test
  void keepsRecordsAcrossStopAndStartAndAcceptsNewOnes() throws Exception {
    assumeTrue(broker.restartable(), () -> broker + " cannot be restarted");
    broker.createTopic("restart", 3);

    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 6; i++) {
        producer.send(new ProducerRecord<>("restart", i % 3, "k", "before-" + i)).get();
      }
      broker.stop();
      broker.start();
      producer.send(new ProducerRecord<>("restart", 0, "k", "after")).get(60, TimeUnit.SECONDS);
    }

    assertThat(broker.readAll("restart"))
        .extracting(r -> text(r.value()))
        .containsExactly(
            "before-0", "before-3", "after", "before-1", "before-4", "before-2", "before-5");
    assertThat(broker.endOffsets("restart")).containsEntry(new TopicPartition("restart", 0), 3L);
  }

  @Test
  void tellsTheProcessIdOfItsRunningJvm() {
    assumeTrue(broker instanceof ChildProcessKafkaBroker, () -> broker + " is not a child process");

    long pid = ((ChildProcessKafkaBroker) broker).pid().orElseThrow();

    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid))
        .as("a running child of this JVM").contains(pid);
  }

  private KafkaProducer<String, String> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(config);
  }

  private KafkaConsumer<String, String> consumer(String groupId) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(config);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
