package dev.kup.localkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker started in a kept directory comes back on the same port with the records it had. */
class KeptBrokerDirectoryIT {

  @Test
  void aSecondBrokerInTheSameDirectoryResumesOnTheSamePortWithItsRecordsAndNothingIsDeleted(
      @TempDir Path dir) throws Exception {
    Path kept = dir.resolve("kafka");
    String firstAddress;
    try (ChildProcessKafkaBroker first = ChildProcessKafkaBroker.startIn(kept)) {
      firstAddress = first.bootstrapServers();
      first.createTopic("kept", 2);
      try (KafkaProducer<String, String> producer = producer(firstAddress)) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("kept", i % 2, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
        }
      }
    }
    assertThat(kept.resolve("server.properties")).exists();
    assertThat(kept.resolve("data").resolve("meta.properties")).exists();

    try (ChildProcessKafkaBroker second = ChildProcessKafkaBroker.startIn(kept)) {
      assertThat(second.bootstrapServers()).isEqualTo(firstAddress);
      assertThat(second.readAll("kept"))
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
      second.createTopic("kept", 2);
    }
    assertThat(kept.resolve("broker.log")).exists();
  }

  private static KafkaProducer<String, String> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringSerializer(),
        new StringSerializer());
  }
}
