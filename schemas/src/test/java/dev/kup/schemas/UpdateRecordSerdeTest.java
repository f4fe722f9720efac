package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateRecordSerdeTest {
  private final UpdateRecordSerializer serializer = new UpdateRecordSerializer();
  private final UpdateRecordDeserializer deserializer = new UpdateRecordDeserializer();

  @Test
  void writesCompactJsonInContractFieldOrderLeavingOutDefaults() {
    UpdateRecord record =
        UpdateRecord.update("accounts", Map.of("id", 42L), 7L)
            .set("status", "closed")
            .set("note", null)
            .withTs(Instant.parse("2024-05-01T12:00:00Z"))
            .withId("r-1");

    assertThat(new String(serializer.serialize("updates", record), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"table\":\"accounts\",\"key\":{\"id\":42},\"version\":7,"
                + "\"set\":{\"status\":\"closed\",\"note\":null},"
                + "\"id\":\"r-1\",\"ts\":\"2024-05-01T12:00:00Z\"}");
  }

  @Test
  void writesOpWhenItIsNotUpdate() {
    assertThat(UpdateRecordJson.toJson(UpdateRecord.delete("t", Map.of("id", "a"), 3)))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"table\":\"t\",\"key\":{\"id\":\"a\"},\"version\":3,\"op\":\"delete\"}");
  }

  @Test
  void roundTripsEveryKindOfRecordThroughTheParser() {
    List<UpdateRecord> records =
        List.of(
            UpdateRecord.update("accounts", Map.of("id", 42L), 7L)
                .set("status", "x")
                .set("note", null)
                .set("vip", true)
                .set("rate", new BigDecimal("0.10"))
                .increment("balance", new BigDecimal("-1e-3"))
                .increment("big", new BigInteger("123456789012345678901234567890")),
            UpdateRecord.upsert("order_lines", Map.of("order_id", 7L, "line", 3L))
                .set("sku", "A-100 \"quoted\" \u00e9\u4e2d\ud83d\ude00")
                .withTs(Instant.parse("2024-05-01T12:00:00.123456789Z")),
            UpdateRecord.upsert("t", Map.of("id", "k"), 0).increment("n", 1),
            UpdateRecord.delete("t", Map.of("id", new BigDecimal("1.5")), Long.MAX_VALUE)
                .withId(""));

    for (UpdateRecord record : records) {
      byte[] bytes = serializer.serialize("updates", record);

      assertThat(deserializer.deserialize("updates", bytes))
          .isEqualTo(new DecodedUpdate.Valid(record, bytes));
    }
  }

  @Test
  void serializesNullAsATombstoneAndDeserializesItAsInvalid() {
    assertThat(serializer.serialize("updates", null)).isNull();
    assertThat(deserializer.deserialize("updates", null))
        .isInstanceOf(DecodedUpdate.Invalid.class)
        .extracting(DecodedUpdate::raw)
        .isNull();
  }

  @Test
  void deserializesGarbageWithoutThrowing() {
    byte[] garbage = {(byte) 0xff, 0x00, 0x7b};

    assertThat(deserializer.deserialize("updates", garbage))
        .isEqualTo(
            new DecodedUpdate.Invalid(
                garbage,
                DeadLetterReason.MALFORMED_JSON,
                "record value is not valid UTF-8 (bad byte at offset 0)"));
  }
}
