package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Letters of every vintage say where their original lies. */
class DeadLetterOriginTest {

  @Test
  void readsSpringsBinaryNumbers() {
    Headers headers = new RecordHeaders()
        .add(DeadLetterHeaders.ORIGINAL_TOPIC, text("updates"))
        .add(DeadLetterHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(7).array())
        .add(DeadLetterHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(1234L).array())
        .add(DeadLetterHeaders.ORIGINAL_TIMESTAMP,
            ByteBuffer.allocate(8).putLong(1_700_000_000_000L).array());

    assertThat(DeadLetterOrigin.of(headers))
        .contains(new DeadLetterOrigin("updates", 7, 1234, 1_700_000_000_000L));
  }

  @Test
  void readsTheDecimalTextOfLettersWrittenBeforeSpringsEncoding() {
    Headers headers = new RecordHeaders()
        .add(DeadLetterHeaders.ORIGINAL_TOPIC, text("updates"))
        .add(DeadLetterHeaders.ORIGINAL_PARTITION, text("1234"))
        .add(DeadLetterHeaders.ORIGINAL_OFFSET, text("12345678"))
        .add(DeadLetterHeaders.ORIGINAL_TIMESTAMP, text("1700000000000"));

    assertThat(DeadLetterOrigin.of(headers))
        .as("4 and 8 ASCII digits are text, not a binary int or long")
        .contains(new DeadLetterOrigin("updates", 1234, 12_345_678, 1_700_000_000_000L));
  }

  @Test
  void prefersKupsTextCopies() {
    Headers headers = new RecordHeaders()
        .add(DeadLetterHeaders.ORIGINAL_TOPIC, text("updates"))
        .add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(1))
        .add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(2))
        .add(DeadLetterHeaders.KUP_ORIGINAL_TOPIC, text("updates"))
        .add(DeadLetterHeaders.KUP_ORIGINAL_PARTITION, text("1"))
        .add(DeadLetterHeaders.KUP_ORIGINAL_OFFSET, text("2"));

    assertThat(DeadLetterOrigin.of(headers)).contains(new DeadLetterOrigin("updates", 1, 2, -1));
    assertThat(DeadLetterOrigin.of(headers).orElseThrow().where()).isEqualTo("updates/1/2");
  }

  @Test
  void aLetterMissingItsOriginOrCarryingNeitherFormHasNone() {
    assertThat(DeadLetterOrigin.of(new RecordHeaders())).isEmpty();
    assertThat(DeadLetterOrigin.of(new RecordHeaders()
        .add(DeadLetterHeaders.ORIGINAL_TOPIC, text("updates"))
        .add(DeadLetterHeaders.ORIGINAL_PARTITION, new byte[] {1, 2, 3})
        .add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(2)))).isEmpty();
    assertThat(DeadLetterOrigin.of(new RecordHeaders()
        .add(DeadLetterHeaders.ORIGINAL_TOPIC, text("updates"))
        .add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.springInt(-1))
        .add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.springLong(2)))).isEmpty();
  }

  @Test
  void springsEncodingIsBigEndian() {
    assertThat(DeadLetterHeaders.springInt(258)).containsExactly(0, 0, 1, 2);
    assertThat(DeadLetterHeaders.springLong(258)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
    assertThat(DeadLetterHeaders.number(text("-1"))).hasValue(-1);
    assertThat(DeadLetterHeaders.number(text("99999999999999999999"))).isEmpty();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
