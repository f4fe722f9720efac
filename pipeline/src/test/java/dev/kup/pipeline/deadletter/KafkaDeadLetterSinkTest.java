package dev.kup.pipeline.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** How the sink answers the broker's refusals: smaller letters, or a verdict on retrying. */
class KafkaDeadLetterSinkTest {
  private static final byte[] KEY = "accounts:42".getBytes(StandardCharsets.UTF_8);

  /** A producer whose broker answers each record as {@code verdict} says (null: acknowledged). */
  static final class Broker extends MockProducer<byte[], byte[]> {
    private final Function<ProducerRecord<byte[], byte[]>, RuntimeException> verdict;

    Broker(Function<ProducerRecord<byte[], byte[]>, RuntimeException> verdict) {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
      this.verdict = verdict;
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
      RuntimeException refusal = verdict.apply(record);
      return refusal == null ? super.send(record) : CompletableFuture.failedFuture(refusal);
    }
  }

  @Test
  void aLetterTheBrokerRefusesAsTooLargeIsSentAgainWithoutItsValue() {
    Broker broker = new Broker(r -> r.value() != null && r.value().length > 100
        ? new RecordTooLargeException("larger than the topic takes") : null);
    KafkaDeadLetterSink sink = new KafkaDeadLetterSink(broker,
        new DeadLetterRecordBuilder("updates.dlq", "kup")); // believes the topic takes anything

    sink.send(List.of(letter("x".repeat(500)), letter("small")));

    assertThat(broker.history()).hasSize(2);
    ProducerRecord<byte[], byte[]> small = broker.history().get(0);
    ProducerRecord<byte[], byte[]> large = broker.history().get(1);
    assertThat(new String(small.value(), StandardCharsets.UTF_8)).isEqualTo("small");
    assertThat(large.value()).isNull();
    assertThat(DeadLetterHeaders.valueOf(large.headers(), DeadLetterHeaders.VALUE_OMITTED))
        .contains("omitted value").endsWith("original at updates/1/500");
  }

  @Test
  void aRefusalKafkaDoesNotCallRetriableIsNotRetriable() {
    KafkaDeadLetterSink sink = new KafkaDeadLetterSink(
        new Broker(r -> new InvalidTopicException("no such name")), new DeadLetterRecordBuilder("updates.dlq", "kup"));

    assertThatThrownBy(() -> sink.send(List.of(letter("v"))))
        .isInstanceOfSatisfying(DeadLetterException.class, e -> assertThat(e.retriable()).isFalse());
  }

  @Test
  void aRetriableRefusalIsRetriable() {
    KafkaDeadLetterSink sink = new KafkaDeadLetterSink(
        new Broker(r -> new NotEnoughReplicasException("isr")), new DeadLetterRecordBuilder("updates.dlq", "kup"));

    assertThatThrownBy(() -> sink.send(List.of(letter("v"))))
        .isInstanceOfSatisfying(DeadLetterException.class, e -> assertThat(e.retriable()).isTrue());
  }

  @Test
  void aLetterTooLargeInEverySizeIsNotRetriable() {
    KafkaDeadLetterSink sink = new KafkaDeadLetterSink(
        new Broker(r -> new RecordTooLargeException("never")), new DeadLetterRecordBuilder("updates.dlq", "kup"));

    assertThatThrownBy(() -> sink.send(List.of(letter("v"))))
        .isInstanceOfSatisfying(DeadLetterException.class, e -> assertThat(e.retriable()).isFalse());
  }

  private static DeadLetter letter(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], Object> source = new ConsumerRecord<>("updates", 1, value.length(),
        1_700_000_000_000L, TimestampType.CREATE_TIME, KEY.length, bytes.length, KEY, null,
        new RecordHeaders(), Optional.empty());
    return new DeadLetter(source, bytes, DeadLetterStage.VALIDATE, DeadLetterReason.UNKNOWN_COLUMN,
        new RecordRejectedException(DeadLetterReason.UNKNOWN_COLUMN, "no column"), null,
        "4bf92f3577b34da6a3ce929d0e0e4736", Instant.parse("2026-11-26T12:00:00Z"));
  }
}
