package dev.kup.router;

import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.DeadLetterRecordBuilder;
import dev.kup.pipeline.trace.TraceIds;
import dev.kup.schemas.DeadLetterStage;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a record the router rejected into its dead letter, through the consumer's own {@link
 * DeadLetterRecordBuilder}: the same headers, cuts and size limit, stage {@link
 * DeadLetterStage#ROUTE}, the application id as the consumer group, a trace id of its own. The
 * original key, value and headers go along untouched; the original coordinates are where the
 * stream read the record. Thread-safe.
 */
final class RouterDeadLetters {
  private final DeadLetterRecordBuilder builder;
  private final Clock clock;

  RouterDeadLetters(RouterOptions options, Clock clock) {
    this.builder = new DeadLetterRecordBuilder(
        options.deadLetterTopic(), options.applicationId(), options.maxDeadLetterBytes());
    this.clock = clock;
  }

  /**
   * @param rejected what the router made of the record
   * @param original the record as the stream read it
   * @param metadata where the stream read it
   * @return the dead letter, with the original record's timestamp
   */
  Record<byte[], byte[]> letter(
      Route.Rejected rejected, Record<byte[], byte[]> original, RecordMetadata metadata) {
    DeadLetter letter = new DeadLetter(source(original, metadata), original.value(),
        DeadLetterStage.ROUTE, rejected.reason(), rejected.error(), null, TraceIds.newTraceId(),
        clock.instant());
    ProducerRecord<byte[], byte[]> built = builder.build(letter);
    return new Record<>(built.key(), built.value(), original.timestamp(), built.headers());
  }

  /**
   * The record as a consumer would have read it: the builder's view of an original. Its timestamp
   * type is {@code NoTimestampType}: Kafka Streams hands every record on as {@code CreateTime}
   * (its {@code RecordDeserializer} rebuilds it so) and tells a processor nothing more, so the
   * letter says it does not know, as Spring's {@code RecoveringProcessingExceptionHandler} says in
   * the same place.
   */
  private static ConsumerRecord<byte[], byte[]> source(
      Record<byte[], byte[]> original, RecordMetadata metadata) {
    return new ConsumerRecord<>(metadata.topic(), metadata.partition(), metadata.offset(),
        original.timestamp(), TimestampType.NO_TIMESTAMP_TYPE, size(original.key()),
        size(original.value()), original.key(), original.value(), original.headers(),
        Optional.empty());
  }

  private static int size(byte[] bytes) {
    return bytes == null ? ConsumerRecord.NULL_SIZE : bytes.length;
  }
}
