package dev.kup.schemas;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the headers kup writes on a record it sends to the dead-letter topic ({@code
 * updates.dlq}). The dead-letter record keeps the original key, value and headers; these headers
 * are added. The names are a public contract that other tooling reads: add, never rename.
 *
 * <p><b>Value encoding.</b> Every header value is a UTF-8 string:
 *
 * <ul>
 *   <li>{@link #ORIGINAL_PARTITION}, {@link #ORIGINAL_OFFSET} and {@link #ORIGINAL_TIMESTAMP} are
 *       decimal text (the timestamp in epoch milliseconds). Spring Kafka's {@code
 *       DeadLetterPublishingRecoverer} uses the same {@code kafka_dlt-*} names but writes these
 *       three as big-endian binary int/long; kup deliberately writes text so that any tool ({@code
 *       kcat}, a console consumer, a non-JVM client) can read them. A reader that must accept both
 *       can tell them apart by length and content.
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

  /** Partition the failed record was read from, decimal text. */
  public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

  /** Offset of the failed record, decimal text. */
  public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

  /** Timestamp of the failed record in epoch milliseconds, decimal text. */
  public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

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
   * The last value of header {@code name} as text (every header of the contract is UTF-8 text), or
   * null when the record has none.
   */
  public static String valueOf(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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
