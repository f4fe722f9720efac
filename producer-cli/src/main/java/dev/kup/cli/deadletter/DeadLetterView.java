package dev.kup.cli.deadletter;

import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One dead letter as an operator reads it: where it lies in the dead-letter topic, where its
 * original lay, and kup's headers decoded. Letters of either vintage (Spring's binary {@code
 * kafka_dlt-original-*} numbers or the decimal text kup wrote before) read the same.
 *
 * @param record the letter as read
 * @param originalTopic the topic the original was read from; null when the letter does not say
 * @param origin where the original record lay; null when the letter does not say
 * @param failedAt when kup gave up on it ({@code kup.dlq.failed.at}, else the letter's timestamp)
 * @param stage {@code kup.dlq.stage}, or null
 * @param reason {@code kup.dlq.reason}, or null
 * @param key the Kafka key as UTF-8, or null
 * @param table the key's table part ({@code table:key}), or null when the key has none
 * @param message {@code kafka_dlt-exception-message}, or null
 * @param traceId {@code kup.dlq.trace.id}, or null
 * @param replays {@code kup.replay.count}: how often it was replayed before; 0 when absent
 */
record DeadLetterView(
    ConsumerRecord<byte[], byte[]> record,
    String originalTopic,
    DeadLetterOrigin origin,
    Instant failedAt,
    String stage,
    String reason,
    String key,
    String table,
    String message,
    String traceId,
    long replays) {

  static DeadLetterView of(ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    int separator = key == null ? -1 : key.indexOf(RecordKeys.TABLE_SEPARATOR);
    DeadLetterOrigin origin = DeadLetterOrigin.of(headers).orElse(null);
    String originalTopic = origin != null ? origin.topic() : textTopic(headers);
    return new DeadLetterView(
        record,
        originalTopic,
        origin,
        failedAt(record),
        DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.STAGE),
        DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.REASON),
        key,
        separator > 0 ? key.substring(0, separator) : null,
        DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.EXCEPTION_MESSAGE),
        DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.TRACE_ID),
        replays(headers));
  }

  /** {@code PARTITION@OFFSET} in the dead-letter topic, as {@code kup dlq show} takes it. */
  String position() {
    return record.partition() + "@" + record.offset();
  }

  /** How many replays a letter carrying {@code headers} has had. */
  static long replays(Headers headers) {
    var header = headers.lastHeader(DeadLetterHeaders.REPLAY_COUNT);
    return header == null ? 0 : DeadLetterHeaders.number(header.value()).orElse(0);
  }

  /** A letter without partition or offset headers may still name its topic. */
  private static String textTopic(Headers headers) {
    String copy = DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.KUP_ORIGINAL_TOPIC);
    return copy != null ? copy : DeadLetterHeaders.valueOf(headers, DeadLetterHeaders.ORIGINAL_TOPIC);
  }

  private static Instant failedAt(ConsumerRecord<byte[], byte[]> record) {
    String text = DeadLetterHeaders.valueOf(record.headers(), DeadLetterHeaders.FAILED_AT);
    if (text != null) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        // a letter from elsewhere: its timestamp is the next best answer
      }
    }
    return Instant.ofEpochMilli(Math.max(0, record.timestamp()));
  }
}
