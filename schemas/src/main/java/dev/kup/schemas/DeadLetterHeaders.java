package dev.kup.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the headers kup writes on a record it sends to the dead-letter topic ({@code
 * updates.dlq}). The dead-letter record keeps the original key, value and headers; these headers
 * are added. The names are a public contract that other tooling reads: add, never rename.
 *
 * <p><b>Value encoding.</b> Every header value is a UTF-8 string, except three:
 *
 * <ul>
 *   <li>{@link #ORIGINAL_PARTITION}, {@link #ORIGINAL_OFFSET} and {@link #ORIGINAL_TIMESTAMP} are
 *       written as Spring Kafka's {@code DeadLetterPublishingRecoverer} writes them: a 4-byte
 *       big-endian int for the partition, 8-byte big-endian longs for the offset and the timestamp
 *       (epoch milliseconds), so Spring's dead-letter consumers and the tools that decode Spring's
 *       headers read kup's letters. {@link #ORIGINAL_TIMESTAMP_TYPE} is Kafka's timestamp type name
 *       ({@code CreateTime}, {@code LogAppendTime}), as Spring writes it. The same facts are copied
 *       as text under {@link #KUP_ORIGINAL_TOPIC}, {@link #KUP_ORIGINAL_PARTITION}, {@link
 *       #KUP_ORIGINAL_OFFSET} and {@link #KUP_ORIGINAL_TIMESTAMP} (decimal) for {@code kcat}, a
 *       console consumer or a non-JVM client. Letters written before kup 0.2 carry the three
 *       {@code kafka_dlt-original-*} numbers as decimal text and no copies; {@link
 *       DeadLetterOrigin#of} reads both forms.
 *   <li>{@link #FAILED_AT} is an ISO-8601 instant, e.g. {@code 2024-05-01T12:00:00.123Z}.
 *   <li>{@link #STAGE} is a {@link DeadLetterStage#wireName()}, {@link #REASON} a {@link
 *       DeadLetterReason#code()}, {@link #SQLSTATE} the five-character SQLSTATE (only when the
 *       database gave one).
 *   <li>{@link #EXCEPTION_MESSAGE} is cut to at most {@link #MAX_MESSAGE_BYTES} and {@link
 *       #EXCEPTION_STACKTRACE} to at most {@link #MAX_STACKTRACE_BYTES} bytes of UTF-8 (on a
 *       character boundary, ending in {@code …} when cut). A database's detail that may copy row
 *       values (PostgreSQL's {@code Failing row contains (…)}, {@code Key (…)=(…)}) is left out of
 *       both.
 *   <li>{@link #VALUE_OMITTED} is present only on a letter that did not fit the dead-letter
 *       topic whole: it was written without the original value (and, if still too large, without
 *       the original headers and key), and the header says what was left out, why, and where the
 *       original lies: {@code too-large: 10422 bytes > 4096; omitted value; original at
 *       updates/3/1207}.
 * </ul>
 */
public final class DeadLetterHeaders {
  /** Topic the failed record was read from. */
  public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

  /** Partition the failed record was read from, a 4-byte big-endian int (Spring's encoding). */
  public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

  /** Offset of the failed record, an 8-byte big-endian long (Spring's encoding). */
  public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

  /** Timestamp of the failed record in epoch milliseconds, an 8-byte big-endian long. */
  public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

  /** Kafka's timestamp type of the failed record: {@code CreateTime} or {@code LogAppendTime}. */
  public static final String ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";

  /** {@link #ORIGINAL_TOPIC} again, for symmetry with the other text copies. */
  public static final String KUP_ORIGINAL_TOPIC = "kup.dlq.original.topic";

  /** {@link #ORIGINAL_PARTITION} as decimal text. */
  public static final String KUP_ORIGINAL_PARTITION = "kup.dlq.original.partition";

  /** {@link #ORIGINAL_OFFSET} as decimal text. */
  public static final String KUP_ORIGINAL_OFFSET = "kup.dlq.original.offset";

  /** {@link #ORIGINAL_TIMESTAMP} as decimal text (epoch milliseconds). */
  public static final String KUP_ORIGINAL_TIMESTAMP = "kup.dlq.original.timestamp";

  /** Consumer group that failed to process the record. */
  public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";

  /** Fully qualified class name of the exception behind the failure, when there was one. */
  public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";

  /** Human-readable failure message, e.g. the parser's or the database's. */
  public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

  /** Stack trace of the exception, at most {@link #MAX_STACKTRACE_BYTES} bytes. */
  public static final String EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

  /** {@link DeadLetterStage#wireName()} of the stage that gave up on the record. */
  public static final String STAGE = "kup.dlq.stage";

  /** {@link DeadLetterReason#code()} of why the record was given up on. */
  public static final String REASON = "kup.dlq.reason";

  /** SQLSTATE the database reported, when there was one. */
  public static final String SQLSTATE = "kup.dlq.sqlstate";

  /** When kup gave up on the record, as an ISO-8601 instant. */
  public static final String FAILED_AT = "kup.dlq.failed.at";

  /** Trace id of the processing attempt, when tracing is on. */
  public static final String TRACE_ID = "kup.dlq.trace.id";

  /**
   * Present when the letter was too large for the dead-letter topic and was written without the
   * original value: what was left out, why, and the original's topic/partition/offset.
   */
  public static final String VALUE_OMITTED = "kup.dlq.value.omitted";

  /**
   * Not a dead-letter header but carried by a record {@code kup replay} sent back: how many times
   * it was replayed, decimal text. It survives being dead-lettered again (it is not a {@code
   * kup.dlq.*} header), so the letter says it too, and the replayer's loop guard reads it.
   */
  public static final String REPLAY_COUNT = "kup.replay.count";

  /**
   * Not a dead-letter header but carried by a record {@code kup replay} sent back: the letter it
   * was replayed from, {@code topic/partition/offset}.
   */
  public static final String REPLAYED_FROM = "kup.replayed.from";

  /** Upper bound, in UTF-8 bytes, of the {@link #EXCEPTION_STACKTRACE} header value. */
  public static final int MAX_STACKTRACE_BYTES = 8192;

  /** Upper bound, in UTF-8 bytes, of the {@link #EXCEPTION_MESSAGE} header value. */
  public static final int MAX_MESSAGE_BYTES = 1024;

  /** Every header name above, in declaration order. */
  public static final List<String> ALL =
      List.of(
          ORIGINAL_TOPIC,
          ORIGINAL_PARTITION,
          ORIGINAL_OFFSET,
          ORIGINAL_TIMESTAMP,
          ORIGINAL_TIMESTAMP_TYPE,
          KUP_ORIGINAL_TOPIC,
          KUP_ORIGINAL_PARTITION,
          KUP_ORIGINAL_OFFSET,
          KUP_ORIGINAL_TIMESTAMP,
          ORIGINAL_CONSUMER_GROUP,
          EXCEPTION_FQCN,
          EXCEPTION_MESSAGE,
          EXCEPTION_STACKTRACE,
          STAGE,
          REASON,
          SQLSTATE,
          FAILED_AT,
          TRACE_ID,
          VALUE_OMITTED);

  private static final String KAFKA_DLT_PREFIX = "kafka_dlt-";
  private static final String KUP_DLQ_PREFIX = "kup.dlq.";

  private DeadLetterHeaders() {}

  /**
   * The last value of header {@code name} as UTF-8 text, or null when the record has none. For the
   * three binary {@code kafka_dlt-original-*} numbers use {@link DeadLetterOrigin#of} instead.
   */
  public static String valueOf(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A partition as Spring writes it: 4 bytes, big-endian. */
  public static byte[] springInt(int value) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
  }

  /** An offset or a timestamp as Spring writes it: 8 bytes, big-endian. */
  public static byte[] springLong(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  /**
   * A number written either way: decimal text (kup before 0.2, and the {@code kup.dlq.original.*}
   * copies) or Spring's big-endian binary of 4 or 8 bytes. Text is told from binary by its bytes
   * all being ASCII digits (after an optional minus): as a binary int or long such bytes would be
   * at least 0x30303030, a partition or an offset no broker reaches.
   *
   * @return the number, or empty when the value is null or neither form
   */
  public static OptionalLong number(byte[] value) {
    if (value == null || value.length == 0) {
      return OptionalLong.empty();
    }
    if (isDecimal(value)) {
      try {
        return OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
      } catch (NumberFormatException tooLong) {
        return OptionalLong.empty();
      }
    }
    return switch (value.length) {
      case Integer.BYTES -> OptionalLong.of(ByteBuffer.wrap(value).getInt());
      case Long.BYTES -> OptionalLong.of(ByteBuffer.wrap(value).getLong());
      default -> OptionalLong.empty();
    };
  }

  private static boolean isDecimal(byte[] value) {
    int start = value[0] == '-' && value.length > 1 ? 1 : 0;
    for (int i = start; i < value.length; i++) {
      if (value[i] < '0' || value[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a header name belongs to the dead-letter contract (starts with {@code kafka_dlt-} or
   * {@code kup.dlq.}), as opposed to the original record's own headers.
   *
   * @param name a header name; null gives false
   */
  public static boolean isDeadLetterHeader(String name) {
    return name != null && (name.startsWith(KAFKA_DLT_PREFIX) || name.startsWith(KUP_DLQ_PREFIX));
  }
}
