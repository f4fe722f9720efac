package dev.kup.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.UpdateRecordParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PublisherTest {
  private static final String ACCOUNT_42 =
      "{\"table\":\"accounts\",\"key\":{\"id\":42},\"version\":7,\"set\":{\"status\":\"x\"}}";
  private static final String ORDER_LINE =
      "{ \"table\" : \"order_lines\", \"key\" : {\"order_id\":7,\"line\":3}, \"op\":\"upsert\","
          + " \"set\":{\"qty\":2.50} }";
  private static final String MISSPELT =
      "{\"table\":\"accounts\",\"key\":{\"id\":43},\"version\":1,\"sett\":{\"status\":\"x\"}}";

  private static final UpdateRecordParser PARSER = new UpdateRecordParser();
  private static final LineCheck VALIDATING = new ContractLineCheck(PARSER, JsonSchemaCheck.load());
  private static final LineCheck UNCHECKED = new UncheckedLineCheck(PARSER);

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private PublishSummary publish(LineCheck check, String input) throws IOException {
    return publish(producer, check, input.getBytes(StandardCharsets.UTF_8));
  }

  private PublishSummary publish(MockProducer<String, byte[]> sink, LineCheck check, byte[] input)
      throws IOException {
    Publisher publisher =
        new Publisher(sink, "updates", check, new PrintStream(err, true, StandardCharsets.UTF_8));
    return publisher.publish(new ByteArrayInputStream(input));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<String> sentValues() {
    return producer.history().stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void sendsEachValidLineUnchangedKeyedByTableAndCanonicalKey() throws IOException {
    PublishSummary summary = publish(VALIDATING, ACCOUNT_42 + "\n" + ORDER_LINE + "\n");

    assertThat(summary).isEqualTo(new PublishSummary(2, 0, 0));
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("updates");
    assertThat(producer.history())
        .extracting(ProducerRecord::key)
        .containsExactly("accounts:42", "order_lines:line=3,order_id=7");
    assertThat(sentValues()).containsExactly(ACCOUNT_42, ORDER_LINE);
    assertThat(stderr()).isEmpty();
  }

  @Test
  void ignoresBlankLines() throws IOException {
    PublishSummary summary = publish(VALIDATING, "\n   \n" + ACCOUNT_42 + "\n\t\n");

    assertThat(summary).isEqualTo(new PublishSummary(1, 0, 0));
  }

  @Test
  void rejectsInvalidLinesReportingLineNumberReasonAndMessage() throws IOException {
    PublishSummary summary =
        publish(VALIDATING, ACCOUNT_42 + "\n\n" + MISSPELT + "\n{\"table\":\n" + ORDER_LINE);

    assertThat(summary).isEqualTo(new PublishSummary(2, 2, 0));
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(sentValues()).containsExactly(ACCOUNT_42, ORDER_LINE);
    assertThat(stderr().lines())
        .containsExactly(
            "line 3: SCHEMA_VIOLATION: unexpected field 'sett'",
            "line 4: MALFORMED_JSON: invalid JSON at line 1 column 10: Unexpected end-of-input"
                + " within/between Object entries");
  }

  @Test
  void rejectsARecordOnlyTheSchemaOrOnlyTheParserRejects() throws IOException {
    String sameColumnTwice =
        "{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"n\":1},\"increment\":{\"n\":1}}";

    PublishSummary summary = publish(VALIDATING, sameColumnTwice);

    assertThat(summary).isEqualTo(new PublishSummary(0, 1, 0));
    assertThat(stderr()).contains("line 1: SCHEMA_VIOLATION: column 'n' appears in both");
  }

  @Test
  void sendsEverythingWithoutValidationKeyingWhatHasAValidTableAndKey() throws IOException {
    String garbage = "not json";

    PublishSummary summary =
        publish(UNCHECKED, ACCOUNT_42 + "\n" + MISSPELT + "\n" + garbage + "\n");

    assertThat(summary).isEqualTo(new PublishSummary(3, 0, 0));
    assertThat(summary.exitCode()).isZero();
    assertThat(producer.history())
        .extracting(ProducerRecord::key)
        .containsExactly("accounts:42", "accounts:43", null);
    assertThat(sentValues()).containsExactly(ACCOUNT_42, MISSPELT, garbage);
  }

  @Test
  void sendsBytesThatAreNotUtf8UnchangedWithoutValidation() throws IOException {
    byte[] latin1 = {'{', '"', (byte) 0xE9, '"', '}'};

    publish(producer, UNCHECKED, latin1);

    assertThat(producer.history())
        .singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(latin1));
  }

  @Test
  void countsSendsTheBrokerNeverAcknowledgedAsFailed() throws IOException {
    MockProducer<String, byte[]> unreachable =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            while (errorNext(new TimeoutException("Expiring 1 record(s)"))) {
              // fail every send still in flight, as a broker that never answers would
            }
          }
        };

    PublishSummary summary =
        publish(
            unreachable,
            VALIDATING,
            (ACCOUNT_42 + "\n" + ORDER_LINE).getBytes(StandardCharsets.UTF_8));

    assertThat(summary).isEqualTo(new PublishSummary(0, 0, 2));
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(stderr().lines())
        .containsExactly(
            "line 1: SEND_FAILED: TimeoutException: Expiring 1 record(s)",
            "line 2: SEND_FAILED: TimeoutException: Expiring 1 record(s)");
  }

  @Test
  void countsASendRefusedAtOnceAsFailedAndGoesOn() throws IOException {
    producer.sendException = new KafkaException("producer closed");

    PublishSummary summary = publish(VALIDATING, ACCOUNT_42 + "\n" + MISSPELT);

    assertThat(summary).isEqualTo(new PublishSummary(0, 1, 1));
    assertThat(stderr().lines())
        .containsExactly(
            "line 1: SEND_FAILED: KafkaException: producer closed",
            "line 2: SCHEMA_VIOLATION: unexpected field 'sett'");
  }

  @Test
  void summarizesAsOneLineAndExitCode() {
    assertThat(new PublishSummary(3, 1, 0).line()).isEqualTo("sent=3 rejected=1 failed=0");
    assertThat(new PublishSummary(3, 0, 0).exitCode()).isZero();
    assertThat(new PublishSummary(3, 0, 1).exitCode()).isEqualTo(1);
  }
}
