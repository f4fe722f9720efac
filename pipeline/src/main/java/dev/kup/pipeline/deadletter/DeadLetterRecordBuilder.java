package dev.kup.pipeline.deadletter;

import dev.kup.schemas.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns a {@link DeadLetter} into the record written to the dead-letter topic: original key and
 * value bytes untouched, original headers kept except earlier dead-letter headers (replaced, not
 * appended, when a replayed record fails again), then the Spring Kafka {@code kafka_dlt-*} set and
 * ours, all as UTF-8 text. Stateless.
 */
public final class DeadLetterRecordBuilder {
  private final String topic;
  private final String consumerGroup;

  public DeadLetterRecordBuilder(String topic, String consumerGroup) {
    this.topic = topic;
    this.consumerGroup = consumerGroup;
  }

  public ProducerRecord<byte[], byte[]> build(DeadLetter letter) {
    Headers headers = new RecordHeaders();
    for (Header h : letter.source().headers()) {
      if (!DeadLetterHeaders.isDeadLetterHeader(h.key())) {
        headers.add(h.key(), h.value());
      }
    }
    var src = letter.source();
    add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, src.topic());
    add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(src.partition()));
    add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(src.offset()));
    add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(src.timestamp()));
    add(headers, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP, consumerGroup);
    add(headers, DeadLetterHeaders.EXCEPTION_FQCN, letter.error().getClass().getName());
    add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, String.valueOf(letter.error().getMessage()));
    headers.add(DeadLetterHeaders.EXCEPTION_STACKTRACE, stackTrace(letter.error()));
    add(headers, DeadLetterHeaders.STAGE, letter.stage().wireName());
    add(headers, DeadLetterHeaders.REASON, letter.reason().code());
    if (letter.sqlState() != null) {
      add(headers, DeadLetterHeaders.SQLSTATE, letter.sqlState());
    }
    add(headers, DeadLetterHeaders.FAILED_AT, letter.failedAt().toString());
    add(headers, DeadLetterHeaders.TRACE_ID, letter.traceId());
    return new ProducerRecord<>(topic, null, src.key(), letter.rawValue(), headers);
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The stack trace as UTF-8, cut to at most {@link DeadLetterHeaders#MAX_STACKTRACE_BYTES}. */
  static byte[] stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer out = ByteBuffer.allocate(DeadLetterHeaders.MAX_STACKTRACE_BYTES);
    // stops cleanly before a character that would not fit, never splitting one
    encoder.encode(CharBuffer.wrap(text.toString()), out, true);
    return Arrays.copyOf(out.array(), out.position());
  }
}
