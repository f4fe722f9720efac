package dev.kup.pipeline.deadletter;

import dev.kup.schemas.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Turns a {@link DeadLetter} into the record written to the dead-letter topic: original key and
 * value bytes untouched, original headers kept except earlier dead-letter headers (replaced, not
 * appended, when a replayed record fails again), then the Spring Kafka {@code kafka_dlt-*} set
 * encoded as Spring's {@code DeadLetterPublishingRecoverer} encodes it (partition, offset and
 * timestamp big-endian binary, the rest UTF-8), the origin again as text under {@code
 * kup.dlq.original.*}, and ours as UTF-8 text. The message and stack trace are capped ({@link
 * DeadLetterHeaders#MAX_MESSAGE_BYTES}, {@link DeadLetterHeaders#MAX_STACKTRACE_BYTES}) and hold no
 * database copy of a row ({@link RowCopies}). A letter larger than the topic takes is written
 * with a shorter stack trace, then without the original value, then without the original headers
 * and key, with {@link
 * DeadLetterHeaders#VALUE_OMITTED} saying so and where the original lies. Stateless.
 */
public final class DeadLetterRecordBuilder {
  private static final String CUT_MARK = "\u2026";

  private final String topic;
  private final String consumerGroup;
  private final int maxLetterBytes;

  /**
   * @param maxLetterBytes the largest record the dead-letter topic takes: the smaller of the
   *     producer's {@code max.request.size} and the topic's {@code max.message.bytes}
   */
  public DeadLetterRecordBuilder(String topic, String consumerGroup, int maxLetterBytes) {
    this.topic = topic;
    this.consumerGroup = consumerGroup;
    this.maxLetterBytes = maxLetterBytes;
  }

  /** A builder for a topic that takes any size the producer sends. */
  public DeadLetterRecordBuilder(String topic, String consumerGroup) {
    this(topic, consumerGroup, Integer.MAX_VALUE);
  }

  /** The letter whole when it fits the topic, else {@link #trimmed} to fit. */
  public ProducerRecord<byte[], byte[]> build(DeadLetter letter) {
    ProducerRecord<byte[], byte[]> whole = record(letter, originalHeaders(letter),
        letter.source().key(), letter.rawValue(), DeadLetterHeaders.MAX_STACKTRACE_BYTES, null);
    int size = sizeOf(whole);
    return size <= maxLetterBytes ? whole : trimmed(letter, size);
  }

  /**
   * The first of {@link #smaller} that fits the topic, or the smallest of them.
   *
   * @param wholeSize the size of the whole letter, for the header that says why
   */
  public ProducerRecord<byte[], byte[]> trimmed(DeadLetter letter, int wholeSize) {
    List<ProducerRecord<byte[], byte[]>> smaller = smaller(letter, wholeSize);
    for (ProducerRecord<byte[], byte[]> r : smaller) {
      if (sizeOf(r) <= maxLetterBytes) {
        return r;
      }
    }
    return smaller.get(smaller.size() - 1);
  }

  /**
   * The letter ever smaller, for a topic that does not take it whole: with its stack trace cut to
   * the message's size; then without the original value; without the original headers too;
   * without the key too. What kup adds always stays, so the letter still says what failed and
   * where the original lies.
   */
  public List<ProducerRecord<byte[], byte[]>> smaller(DeadLetter letter, int wholeSize) {
    byte[] key = letter.source().key();
    int trace = DeadLetterHeaders.MAX_MESSAGE_BYTES;
    String why = "too-large: " + wholeSize + " bytes > " + maxLetterBytes + "; omitted ";
    String where = "; original at " + letter.source().topic() + "/" + letter.source().partition()
        + "/" + letter.source().offset();
    return List.of(
        record(letter, originalHeaders(letter), key, letter.rawValue(), trace, null),
        record(letter, originalHeaders(letter), key, null, trace, why + "value" + where),
        record(letter, new RecordHeaders(), key, null, trace, why + "value, original headers" + where),
        record(letter, new RecordHeaders(), null, null, trace,
            why + "value, original headers, key" + where));
  }

  private static Headers originalHeaders(DeadLetter letter) {
    Headers headers = new RecordHeaders();
    for (Header h : letter.source().headers()) {
      if (!DeadLetterHeaders.isDeadLetterHeader(h.key())) {
        headers.add(h.key(), h.value());
      }
    }
    return headers;
  }

  private ProducerRecord<byte[], byte[]> record(DeadLetter letter, Headers headers, byte[] key,
      byte[] value, int stackTraceBytes, String omitted) {
    addOrigin(headers, letter.source());
    add(headers, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP, consumerGroup);
    add(headers, DeadLetterHeaders.EXCEPTION_FQCN, letter.error().getClass().getName());
    headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE,
        cut(RowCopies.leftOut(String.valueOf(letter.error().getMessage())),
            DeadLetterHeaders.MAX_MESSAGE_BYTES));
    headers.add(DeadLetterHeaders.EXCEPTION_STACKTRACE,
        stackTrace(letter.error(), stackTraceBytes));
    add(headers, DeadLetterHeaders.STAGE, letter.stage().wireName());
    add(headers, DeadLetterHeaders.REASON, letter.reason().code());
    if (letter.sqlState() != null) {
      add(headers, DeadLetterHeaders.SQLSTATE, letter.sqlState());
    }
    add(headers, DeadLetterHeaders.FAILED_AT, letter.failedAt().toString());
    add(headers, DeadLetterHeaders.TRACE_ID, letter.traceId());
    if (omitted != null) {
      add(headers, DeadLetterHeaders.VALUE_OMITTED, omitted);
    }
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  /**
   * Where the original lay: Spring's headers byte for byte as its {@code
   * DeadLetterPublishingRecoverer} writes them, so Spring's dead-letter consumers read them, then
   * the same as decimal text for tools that print headers as text.
   */
  private static void addOrigin(Headers headers, ConsumerRecord<byte[], ?> src) {
    add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, src.topic());
    headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(src.partition()));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(src.offset()));
    headers.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP, DeadLetterHeaders.springLong(src.timestamp()));
    add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE, src.timestampType().toString());
    add(headers, DeadLetterHeaders.KUP_ORIGINAL_TOPIC, src.topic());
    add(headers, DeadLetterHeaders.KUP_ORIGINAL_PARTITION, Integer.toString(src.partition()));
    add(headers, DeadLetterHeaders.KUP_ORIGINAL_OFFSET, Long.toString(src.offset()));
    add(headers, DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP, Long.toString(src.timestamp()));
  }

  /** The size the producer checks against {@code max.request.size}, as it estimates it. */
  static int sizeOf(ProducerRecord<byte[], byte[]> r) {
    return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
        CompressionType.NONE, r.key(), r.value(), r.headers().toArray());
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The stack trace as UTF-8, without row copies, cut to {@link DeadLetterHeaders#MAX_STACKTRACE_BYTES}. */
  static byte[] stackTrace(Throwable error) {
    return stackTrace(error, DeadLetterHeaders.MAX_STACKTRACE_BYTES);
  }

  private static byte[] stackTrace(Throwable error, int maxBytes) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return cut(RowCopies.leftOut(text.toString()), maxBytes);
  }

  /** The text as UTF-8 of at most {@code maxBytes}, cut on a character boundary and marked. */
  static byte[] cut(String text, int maxBytes) {
    byte[] whole = text.getBytes(StandardCharsets.UTF_8);
    if (whole.length <= maxBytes) {
      return whole;
    }
    byte[] mark = CUT_MARK.getBytes(StandardCharsets.UTF_8);
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer out = ByteBuffer.allocate(maxBytes - mark.length);
    // stops cleanly before a character that would not fit, never splitting one
    encoder.encode(CharBuffer.wrap(text), out, true);
    byte[] cut = Arrays.copyOf(out.array(), out.position() + mark.length);
    System.arraycopy(mark, 0, cut, out.position(), mark.length);
    return cut;
  }
}
