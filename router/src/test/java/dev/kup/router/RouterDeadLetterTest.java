package dev.kup.router;

import static dev.kup.router.RouterDriver.bytes;
import static dev.kup.router.RouterDriver.header;
import static dev.kup.router.RouterDriver.headers;
import static dev.kup.router.RouterDriver.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.schemas.DeadLetterHeaders;
import dev.kup.schemas.DeadLetterOrigin;
import dev.kup.schemas.DeadLetterReason;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouterDeadLetterTest {
  private static final String INPUT = "shop.cdc";
  private static final String ROW = "{\"id\":42,\"status\":\"new\",\"rev\":1}";
  private static final List<TableMapping> TABLES = List.of(
      new TableMapping("orders", "orders", List.of("id"), VersionSource.column("rev")),
      new TableMapping("lines", "lines", List.of("order_id", "line"), VersionSource.SOURCE_LSN),
      new TableMapping("clicks", "clicks", List.of("id"), VersionSource.TS_MS));

  private final RouterDriver router =
      new RouterDriver(
          RouterOptions.withDefaults(RouterDriver.APPLICATION_ID, List.of(INPUT), TABLES));

  @AfterEach
  void close() {
    router.close();
  }

  static Stream<Arguments> unroutable() {
    return Stream.of(
        failure("not JSON", "{\"table\":", DeadLetterReason.MALFORMED_JSON,
            "invalid JSON at line 1 column 10"),
        failure("not an object", "[1,2]", DeadLetterReason.MALFORMED_JSON,
            "record must be a JSON object, got array"),
        failure("neither shape", "{\"id\":1,\"op\":\"c\"}", DeadLetterReason.SCHEMA_VIOLATION,
            "missing field 'table'"),
        failure("update record breaking the contract",
            "{\"table\":\"accounts\",\"key\":{\"id\":1},\"version\":-1,\"set\":{\"a\":1}}",
            DeadLetterReason.SCHEMA_VIOLATION, "field 'version' must be an integer >= 0, got -1"),
        failure("unknown table", ChangeEvent.create("customers", ROW).bare(),
            DeadLetterReason.UNKNOWN_TABLE, "no table mapping for source table 'public.customers'"),
        failure("missing key column", ChangeEvent.create("orders", "{\"status\":\"x\",\"rev\":1}")
            .enveloped(), DeadLetterReason.INVALID_KEY,
            "key column 'id' of orders must be a string, number or boolean in 'after',"
                + " got nothing"),
        failure("null key column in before", ChangeEvent.delete("lines",
            "{\"order_id\":7,\"line\":null}").bare(), DeadLetterReason.INVALID_KEY,
            "key column 'line' of lines must be a string, number or boolean in 'before', got null"),
        failure("missing version column", ChangeEvent.delete("orders", "{\"id\":42,\"rev\":null}")
            .bare(), DeadLetterReason.SCHEMA_VIOLATION,
            "the version of orders, column 'rev' of 'before', must be an integer from 0 to"
                + " 9223372036854775807, got null"),
        failure("missing source.lsn", ChangeEvent.create("lines", "{\"order_id\":7,\"line\":3,"
            + "\"q\":1}").source("{\"table\":\"lines\"}").bare(),
            DeadLetterReason.SCHEMA_VIOLATION, "the version of lines, source.lsn, must be an"
                + " integer from 0 to 9223372036854775807, got nothing"),
        failure("ts_ms not a number", ChangeEvent.create("clicks", "{\"id\":1,\"page\":\"/\"}")
            .enveloped().replace("\"ts_ms\":1764158400000", "\"ts_ms\":\"soon\""),
            DeadLetterReason.SCHEMA_VIOLATION, "the version of clicks, ts_ms, must be an integer"
                + " from 0 to 9223372036854775807, got \"soon\""),
        failure("nested column value", ChangeEvent.create("orders",
            "{\"id\":42,\"tags\":[\"a\"],\"rev\":1}").bare(), DeadLetterReason.SCHEMA_VIOLATION,
            "column 'tags' of orders holds [\"a\"]: an update record carries only strings,"
                + " numbers, booleans and null"),
        failure("nothing to change", ChangeEvent.create("orders", "{\"id\":42,\"rev\":1}").bare(),
            DeadLetterReason.SCHEMA_VIOLATION, "the change event maps to an update record that"
                + " breaks the contract: an upsert must change something"),
        failure("unsupported op", ChangeEvent.op("t", "orders").bare(),
            DeadLetterReason.SCHEMA_VIOLATION,
            "change event op must be \"c\", \"u\", \"d\" or \"r\", got \"t\""),
        failure("create without after", ChangeEvent.op("c", "orders").bare(),
            DeadLetterReason.SCHEMA_VIOLATION,
            "a change event with op \"c\" must carry the row in 'after', got null"),
        failure("envelope without an event", "{\"schema\":null,\"payload\":{\"after\":{}}}",
            DeadLetterReason.SCHEMA_VIOLATION,
            "the envelope's payload is no change event: it needs an object with 'op' and"
                + " 'source'"));
  }

  private static Arguments failure(
      String name, String value, DeadLetterReason reason, String message) {
    return Arguments.of(name, value, reason, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unroutable")
  void deadLettersWhatCannotBeRoutedWithTheConsumersHeaders(
      String name, String value, DeadLetterReason reason, String message) {
    router.send("customer-7", "ok");
    router.deadLetters();
    router.send("customer-7", value);

    TestRecord<byte[], byte[]> letter = router.onlyDeadLetter();
    assertThat(text(letter.key())).isEqualTo("customer-7");
    assertThat(letter.value()).isEqualTo(bytes(value));
    assertThat(letter.getRecordTime()).isEqualTo(RouterDriver.RECORD_TIME);
    assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("route");
    assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo(reason.code());
    assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(INPUT);
    assertThat(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value())
        .isEqualTo(DeadLetterHeaders.springInt(0));
    assertThat(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value())
        .isEqualTo(DeadLetterHeaders.springLong(1));
    assertThat(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TIMESTAMP).value())
        .isEqualTo(DeadLetterHeaders.springLong(RouterDriver.RECORD_TIME.toEpochMilli()));
    assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE))
        .as("Kafka Streams does not tell").isEqualTo("NoTimestampType");
    assertThat(DeadLetterOrigin.of(letter.headers())).contains(new DeadLetterOrigin(
        INPUT, 0, 1, RouterDriver.RECORD_TIME.toEpochMilli()));
    assertThat(header(letter, DeadLetterHeaders.KUP_ORIGINAL_OFFSET)).isEqualTo("1");
    assertThat(header(letter, DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP))
        .isEqualTo(RouterDriver.APPLICATION_ID);
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(RecordRejectedException.class.getName());
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
        .startsWith(reason.code() + ": " + message);
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION_STACKTRACE))
        .startsWith(RecordRejectedException.class.getName());
    assertThat(header(letter, DeadLetterHeaders.FAILED_AT)).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(header(letter, DeadLetterHeaders.TRACE_ID)).matches("[0-9a-f]{32}");
    assertThat(headers(letter.headers(), DeadLetterHeaders.SQLSTATE)).isEmpty();
    assertThat(headers(letter.headers(), DeadLetterHeaders.VALUE_OMITTED)).isEmpty();
  }

  @Test
  void deadLettersATombstoneKeepingItsKey() {
    router.send("{\"id\":42}", null);

    TestRecord<byte[], byte[]> letter = router.onlyDeadLetter();
    assertThat(text(letter.key())).isEqualTo("{\"id\":42}");
    assertThat(letter.value()).isNull();
    assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_JSON");
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
        .isEqualTo("MALFORMED_JSON: record has no value (tombstone)");
  }

  @Test
  void keepsTheOriginalHeadersAndReplacesThoseOfAnEarlierDeadLetter() {
    RecordHeaders replayed = new RecordHeaders();
    replayed.add("traceparent", bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    replayed.add(DeadLetterHeaders.REASON, bytes("UNKNOWN_TABLE"));
    replayed.add(DeadLetterHeaders.STAGE, bytes("route"));
    router.sendRecord(INPUT, new TestRecord<>(bytes("k"), bytes("nope"), replayed,
        RouterDriver.RECORD_TIME));

    TestRecord<byte[], byte[]> letter = router.onlyDeadLetter();
    assertThat(header(letter, "traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_JSON");
    assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("route");
  }

  @Test
  void aLetterTooLargeForTheTopicGoesWithoutItsValueSayingWhereTheOriginalLies() {
    RouterOptions small = new RouterOptions(RouterDriver.APPLICATION_ID, List.of(INPUT),
        "updates", "updates.dlq", TABLES, 4096);
    try (RouterDriver router = new RouterDriver(small)) {
      router.send("k", "x".repeat(10_000));

      TestRecord<byte[], byte[]> letter = router.onlyDeadLetter();
      assertThat(letter.value()).isNull();
      assertThat(text(letter.key())).isEqualTo("k");
      assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_JSON");
      assertThat(header(letter, DeadLetterHeaders.VALUE_OMITTED))
          .startsWith("too-large: ").endsWith("> 4096; omitted value; original at shop.cdc/0/0");
    }
  }
}
