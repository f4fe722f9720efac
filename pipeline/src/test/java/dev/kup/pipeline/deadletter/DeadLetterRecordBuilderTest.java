package dev.kup.pipeline.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordBuilderTest {
  private static final byte[] KEY = "accounts:42".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "{\"table\":\"accounts\"".getBytes(StandardCharsets.UTF_8);
  private final DeadLetterRecordBuilder builder = new DeadLetterRecordBuilder("updates.dlq", "kup-applier");

  private static ConsumerRecord<byte[], Object> source(RecordHeaders headers) {
    return new ConsumerRecord<>("updates", 4, 1234L, 1_700_000_000_000L, TimestampType.CREATE_TIME,
        KEY.length, VALUE.length, KEY, null, headers, Optional.empty());
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    List<String> values = new ArrayList<>();
    for (Header h : record.headers().headers(name)) {
      values.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    assertThat(values).as("header %s", name).hasSize(1);
    return values.get(0);
  }

  /** The one value of header {@code name}, as bytes. */
  private static byte[] bytes(ProducerRecord<byte[], byte[]> record, String name) {
    List<byte[]> values = new ArrayList<>();
    for (Header h : record.headers().headers(name)) {
      values.add(h.value());
    }
    assertThat(values).as("header %s", name).hasSize(1);
    return values.get(0);
  }

  @Test
  void keepsKeyValueAndHeadersAndSaysWhatFailedAndWhere() {
    RecordHeaders original = new RecordHeaders();
    original.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    SQLException error = new SQLException("new row violates check constraint", "23514");
    DeadLetter letter = new DeadLetter(source(original), VALUE, DeadLetterStage.APPLY,
        DeadLetterReason.CONSTRAINT_VIOLATION, error, "23514", "4bf92f3577b34da6a3ce929d0e0e4736",
        Instant.parse("2026-11-26T12:00:00Z"));

    ProducerRecord<byte[], byte[]> record = builder.build(letter);

    assertThat(record.topic()).isEqualTo("updates.dlq");
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(record.value()).isEqualTo(VALUE);
    assertThat(header(record, "traceparent")).isEqualTo("00-abc-def-01");
    assertThat(header(record, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("updates");
    assertThat(header(record, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP)).isEqualTo("kup-applier");
    assertThat(header(record, DeadLetterHeaders.EXCEPTION_FQCN)).isEqualTo("java.sql.SQLException");
    assertThat(header(record, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("new row violates check constraint");
    assertThat(header(record, DeadLetterHeaders.EXCEPTION_STACKTRACE)).startsWith("java.sql.SQLException");
    assertThat(header(record, DeadLetterHeaders.STAGE)).isEqualTo("apply");
    assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("CONSTRAINT_VIOLATION");
    assertThat(header(record, DeadLetterHeaders.SQLSTATE)).isEqualTo("23514");
    assertThat(header(record, DeadLetterHeaders.FAILED_AT)).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(header(record, DeadLetterHeaders.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void writesTheOriginAsSpringDoesInBigEndianBinaryWithTheTimestampTypeAndCopiesItAsText() {
    ProducerRecord<byte[], byte[]> record =
        builder.build(letter(new RecordHeaders(), VALUE, new IllegalStateException("no")));

    assertThat(bytes(record, DeadLetterHeaders.ORIGINAL_PARTITION)).containsExactly(0, 0, 0, 4);
    assertThat(bytes(record, DeadLetterHeaders.ORIGINAL_OFFSET))
        .containsExactly(0, 0, 0, 0, 0, 0, 0x04, 0xd2); // 1234
    assertThat(bytes(record, DeadLetterHeaders.ORIGINAL_TIMESTAMP))
        .containsExactly(0, 0, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00); // 1_700_000_000_000
    assertThat(header(record, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE)).isEqualTo("CreateTime");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_TOPIC)).isEqualTo("updates");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_PARTITION)).isEqualTo("4");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_OFFSET)).isEqualTo("1234");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP)).isEqualTo("1700000000000");
  }

  @Test
  void writesTheTimestampTypeKafkaGaveTheOriginal() {
    ConsumerRecord<byte[], Object> appended = new ConsumerRecord<>("updates", 0, 9L, -1L,
        TimestampType.LOG_APPEND_TIME, KEY.length, VALUE.length, KEY, null, new RecordHeaders(),
        Optional.empty());
    DeadLetter letter = new DeadLetter(appended, VALUE, DeadLetterStage.APPLY,
        DeadLetterReason.CONSTRAINT_VIOLATION, new IllegalStateException("no"), null,
        "4bf92f3577b34da6a3ce929d0e0e4736", Instant.EPOCH);

    ProducerRecord<byte[], byte[]> record = builder.build(letter);

    assertThat(header(record, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE)).isEqualTo("LogAppendTime");
    assertThat(bytes(record, DeadLetterHeaders.ORIGINAL_TIMESTAMP))
        .containsExactly(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP)).isEqualTo("-1");
  }

  @Test
  void replacesDeadLetterHeadersOfAnEarlierFailureInsteadOfAppending() {
    RecordHeaders replayed = new RecordHeaders();
    replayed.add(DeadLetterHeaders.REASON, "VERSION_CONFLICT".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.ORIGINAL_OFFSET, "7".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(2));
    replayed.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE, "LogAppendTime".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.KUP_ORIGINAL_TOPIC, "elsewhere".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.KUP_ORIGINAL_PARTITION, "2".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.KUP_ORIGINAL_OFFSET, "7".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP, "5".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.REPLAY_COUNT, "1".getBytes(StandardCharsets.UTF_8));
    replayed.add(DeadLetterHeaders.SQLSTATE, "23505".getBytes(StandardCharsets.UTF_8));
    DeadLetter letter = new DeadLetter(source(replayed), VALUE, DeadLetterStage.DESERIALIZE,
        DeadLetterReason.MALFORMED_JSON, new RecordRejectedException(DeadLetterReason.MALFORMED_JSON, "truncated"),
        null, "0af7651916cd43dd8448eb211c80319c", Instant.EPOCH);

    ProducerRecord<byte[], byte[]> record = builder.build(letter);

    assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_JSON");
    assertThat(bytes(record, DeadLetterHeaders.ORIGINAL_OFFSET))
        .isEqualTo(DeadLetterHeaders.springLong(1234));
    assertThat(bytes(record, DeadLetterHeaders.ORIGINAL_PARTITION))
        .isEqualTo(DeadLetterHeaders.springInt(4));
    assertThat(header(record, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE)).isEqualTo("CreateTime");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_TOPIC)).isEqualTo("updates");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_PARTITION)).isEqualTo("4");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_OFFSET)).isEqualTo("1234");
    assertThat(header(record, DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP)).isEqualTo("1700000000000");
    assertThat(header(record, DeadLetterHeaders.REPLAY_COUNT)).as("not a dead-letter header").isEqualTo("1");
    assertThat(record.headers().headers(DeadLetterHeaders.SQLSTATE)).isEmpty();
    assertThat(header(record, DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(RecordRejectedException.class.getName());
    assertThat(header(record, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("MALFORMED_JSON: truncated");
  }

  @Test
  void cutsTheStackTraceToEightKibibytesWithoutSplittingACharacter() {
    Throwable deep = new IllegalStateException("é".repeat(10_000));
    byte[] trace = DeadLetterRecordBuilder.stackTrace(deep);

    assertThat(trace.length).isLessThanOrEqualTo(DeadLetterHeaders.MAX_STACKTRACE_BYTES)
        .isGreaterThan(DeadLetterHeaders.MAX_STACKTRACE_BYTES - 4);
    String text = new String(trace, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\uFFFD").startsWith("java.lang.IllegalStateException: éé");
  }

  @Test
  void cutsTheMessageToOneKibibyteAndMarksTheCut() {
    DeadLetter letter = letter(new RecordHeaders(), VALUE, new IllegalStateException("x".repeat(5_000)));

    String message = header(builder.build(letter), DeadLetterHeaders.EXCEPTION_MESSAGE);

    assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(DeadLetterHeaders.MAX_MESSAGE_BYTES);
    assertThat(message).startsWith("xxx").endsWith("\u2026");
  }

  /** PostgreSQL's detail copies the row (every column) or the key into the driver's message. */
  @Test
  void leavesTheDatabasesCopyOfTheRowOutOfMessageAndStackTrace() {
    SQLException cause = new SQLException("ERROR: null value in column \"status\" violates not-null"
        + " constraint\n  Detail: Failing row contains (101, secret-note,\n  Hint: x, null).", "23502");
    SQLException unique = new SQLException("ERROR: duplicate key value violates unique constraint"
        + " \"pk\"\n  Detail: Key (email)=(someone@example.com) already exists.", "23505", cause);
    RuntimeException batch = new RuntimeException("batch failed", unique);
    for (Throwable t : List.of(batch, unique, cause)) { // short traces: every cause fits in 8 KiB
      t.setStackTrace(new StackTraceElement[] {new StackTraceElement("C", "m", "C.java", 1)});
    }
    DeadLetter letter = letter(new RecordHeaders(), VALUE, batch);

    ProducerRecord<byte[], byte[]> record = builder.build(letter);
    String trace = header(record, DeadLetterHeaders.EXCEPTION_STACKTRACE);
    DeadLetter direct = letter(new RecordHeaders(), VALUE, cause);
    String message = header(builder.build(direct), DeadLetterHeaders.EXCEPTION_MESSAGE);

    for (String text : List.of(trace, message)) {
      assertThat(text).doesNotContain("Failing row contains").doesNotContain("secret-note")
          .doesNotContain("someone@example.com").contains("left out");
    }
    assertThat(message).startsWith("ERROR: null value in column \"status\" violates not-null");
    assertThat(trace).contains("duplicate key value violates unique constraint")
        .contains("Caused by: java.sql.SQLException: ERROR: null value").contains("\tat ");
  }

  @Test
  void writesALetterTooLargeForItsTopicWithoutItsValueSayingWhereTheOriginalLies() {
    DeadLetterRecordBuilder small = new DeadLetterRecordBuilder("updates.dlq", "kup-applier", 4096);
    RecordHeaders original = new RecordHeaders();
    original.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    byte[] large = "y".repeat(10_000).getBytes(StandardCharsets.UTF_8);

    ProducerRecord<byte[], byte[]> record = small.build(letter(original, large, new IllegalStateException("no")));

    assertThat(record.value()).isNull();
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(header(record, "traceparent")).isEqualTo("00-abc-def-01");
    assertThat(header(record, DeadLetterHeaders.VALUE_OMITTED))
        .startsWith("too-large: ").contains("> 4096").contains("omitted value")
        .endsWith("original at updates/4/1234");
    assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("CONSTRAINT_VIOLATION");
    assertThat(DeadLetterRecordBuilder.sizeOf(record)).isLessThanOrEqualTo(4096);
    ProducerRecord<byte[], byte[]> fits = small.build(letter(original, VALUE, new IllegalStateException("no")));
    assertThat(fits.value()).isEqualTo(VALUE);
    assertThat(fits.headers().lastHeader(DeadLetterHeaders.VALUE_OMITTED)).isNull();
  }

  @Test
  void dropsTheOriginalHeadersAndThenTheKeyWhenTheLetterStillDoesNotFit() {
    DeadLetterRecordBuilder tiny = new DeadLetterRecordBuilder("updates.dlq", "kup-applier", 9_000);
    RecordHeaders original = new RecordHeaders();
    original.add("big", new byte[20_000]);

    ProducerRecord<byte[], byte[]> record = tiny.build(letter(original, VALUE, new IllegalStateException("no")));

    assertThat(record.value()).isNull();
    assertThat(record.headers().lastHeader("big")).isNull();
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(header(record, DeadLetterHeaders.VALUE_OMITTED)).contains("omitted value, original headers;");
    assertThat(tiny.smaller(letter(original, VALUE, new IllegalStateException("no")), 1).get(3).key()).isNull();
  }

  @Test
  void keepsTheOriginInBothFormsInEveryTrimmedLetter() {
    DeadLetterRecordBuilder tiny = new DeadLetterRecordBuilder("updates.dlq", "kup-applier", 9_000);
    RecordHeaders original = new RecordHeaders();
    original.add("big", new byte[20_000]);

    for (ProducerRecord<byte[], byte[]> r
        : tiny.smaller(letter(original, VALUE, new IllegalStateException("no")), 30_000)) {
      assertThat(bytes(r, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(DeadLetterHeaders.springInt(4));
      assertThat(bytes(r, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(DeadLetterHeaders.springLong(1234));
      assertThat(header(r, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE)).isEqualTo("CreateTime");
      assertThat(header(r, DeadLetterHeaders.KUP_ORIGINAL_TOPIC)).isEqualTo("updates");
      assertThat(header(r, DeadLetterHeaders.KUP_ORIGINAL_PARTITION)).isEqualTo("4");
      assertThat(header(r, DeadLetterHeaders.KUP_ORIGINAL_OFFSET)).isEqualTo("1234");
      assertThat(header(r, DeadLetterHeaders.KUP_ORIGINAL_TIMESTAMP)).isEqualTo("1700000000000");
    }
  }

  private static DeadLetter letter(RecordHeaders headers, byte[] value, Throwable error) {
    return new DeadLetter(source(headers), value, DeadLetterStage.APPLY,
        DeadLetterReason.CONSTRAINT_VIOLATION, error, "23502", "4bf92f3577b34da6a3ce929d0e0e4736",
        Instant.parse("2026-11-26T12:00:00Z"));
  }
}
