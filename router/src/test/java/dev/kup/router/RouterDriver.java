package dev.kup.router;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The router's topology in a {@link TopologyTestDriver}, configured by {@link RouterStreams}, with
 * a fixed clock; text in, text out. Close it after each test.
 */
final class RouterDriver implements AutoCloseable {
  static final String APPLICATION_ID = "kup-router-test";
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final Instant RECORD_TIME = Instant.parse("2026-11-26T11:59:00Z");

  private final TopologyTestDriver driver;
  private final RouterOptions options;
  private final TestOutputTopic<byte[], byte[]> updates;
  private final TestOutputTopic<byte[], byte[]> deadLetters;

  RouterDriver(RouterOptions options) {
    this.options = options;
    this.driver = new TopologyTestDriver(
        new RouterTopology(options, Clock.fixed(NOW, ZoneOffset.UTC)).build(),
        RouterStreams.config(options, Map.of("bootstrap.servers", "127.0.0.1:9")));
    this.updates = driver.createOutputTopic(
        options.outputTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = driver.createOutputTopic(
        options.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A record on the first input topic, keyed as given (null for none), at {@link #RECORD_TIME}. */
  void send(String key, String value) {
    send(options.inputTopics().get(0), key, value);
  }

  void send(String topic, String key, String value) {
    sendRecord(topic, new TestRecord<>(bytes(key), bytes(value), RECORD_TIME));
  }

  void sendRecord(String topic, TestRecord<byte[], byte[]> record) {
    TestInputTopic<byte[], byte[]> input =
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    input.pipeInput(record);
  }

  /** Every update record written since the last call. */
  List<TestRecord<byte[], byte[]>> updates() {
    return updates.readRecordsToList();
  }

  /** Every dead letter written since the last call. */
  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  /** The only update record written since the last call. */
  TestRecord<byte[], byte[]> onlyUpdate() {
    List<TestRecord<byte[], byte[]>> written = updates();
    if (written.size() != 1 || !deadLetters.isEmpty()) {
      throw new AssertionError("expected one update and no dead letter, got " + texts(written)
          + " and dead letters " + texts(deadLetters()));
    }
    return written.get(0);
  }

  /** The only dead letter written since the last call. */
  TestRecord<byte[], byte[]> onlyDeadLetter() {
    List<TestRecord<byte[], byte[]>> written = deadLetters();
    if (written.size() != 1 || !updates.isEmpty()) {
      throw new AssertionError("expected one dead letter and no update, got " + written.size()
          + " dead letters and updates " + texts(updates()));
    }
    return written.get(0);
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** The values of header {@code name}, as text. */
  static List<String> headers(Headers headers, String name) {
    List<String> values = new ArrayList<>();
    for (Header header : headers.headers(name)) {
      values.add(text(header.value()));
    }
    return values;
  }

  /** The one value of header {@code name}. */
  static String header(TestRecord<byte[], byte[]> record, String name) {
    List<String> values = headers(record.headers(), name);
    if (values.size() != 1) {
      throw new AssertionError("expected one header " + name + ", got " + values);
    }
    return values.get(0);
  }

  private static List<String> texts(List<TestRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> text(r.key()) + "=" + text(r.value())).toList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
