package dev.kup.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.Op;
import dev.kup.schemas.UpdateRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordRouterTest {
  private final RecordRouter router = new RecordRouter(List.of(
      new TableMapping("orders", "orders", List.of("id"), VersionSource.column("rev"))));

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private UpdateRecord forwarded(String value) {
    Route route = router.route(bytes(value));
    assertThat(route).isInstanceOf(Route.Forward.class);
    return ((Route.Forward) route).record();
  }

  private Route.Rejected rejected(String value) {
    Route route = router.route(bytes(value));
    assertThat(route).isInstanceOf(Route.Rejected.class);
    return (Route.Rejected) route;
  }

  @Test
  void takesColumnValuesExactlyAsTheConverterWroteThem() {
    UpdateRecord record = forwarded(ChangeEvent.create("orders", "{\"id\":1,"
        + "\"amount\":0.1000000000000000000001,\"big\":123456789012345678901234567890,"
        + "\"ratio\":1.50,\"flag\":false,\"name\":\"Zoë\",\"gone\":null,\"rev\":7.0}").bare());

    Map<String, Object> set = new LinkedHashMap<>();
    set.put("amount", new BigDecimal("0.1000000000000000000001"));
    set.put("big", new BigInteger("123456789012345678901234567890"));
    set.put("ratio", new BigDecimal("1.50"));
    set.put("flag", false);
    set.put("name", "Zoë");
    set.put("gone", null);
    assertThat(record).isEqualTo(
        new UpdateRecord("orders", Map.of("id", 1L), 7L, set, null, Op.UPSERT, null, null));
  }

  @Test
  void leavesOutAColumnDebeziumDidNotReadSoTheRowKeepsItsValue() {
    UpdateRecord record = forwarded(ChangeEvent.update("orders", "null",
        "{\"id\":1,\"status\":\"paid\",\"notes\":\"__debezium_unavailable_value\",\"rev\":3}")
        .bare());

    assertThat(record.set()).containsOnlyKeys("status");
  }

  @Test
  void forwardsTheRecordWithItsKafkaKeyAndCanonicalJson() {
    Route.Forward forward = (Route.Forward) router.route(bytes(
        "{\"key\":{\"id\":\"a,b\"},\"table\":\"t\",\"version\":1,\"set\":{\"x\":1}}"));

    assertThat(new String(forward.key(), StandardCharsets.UTF_8)).isEqualTo("t:a%2Cb");
    assertThat(new String(forward.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"table\":\"t\",\"key\":{\"id\":\"a,b\"},\"version\":1,\"set\":{\"x\":1}}");
  }

  @Test
  void aVersionBeyondTheContractsRangeIsASchemaViolation() {
    Route.Rejected rejected = rejected(ChangeEvent.create("orders",
        "{\"id\":1,\"s\":1,\"rev\":9223372036854775808}").bare());

    assertThat(rejected.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
    assertThat(rejected.error()).hasMessageContaining("got 9223372036854775808");
  }

  @Test
  void aChangeEventWithARepeatedNameIsNoChangeEventButABrokenRecord() {
    Route.Rejected rejected = rejected(ChangeEvent.create("orders",
        "{\"id\":1,\"s\":1,\"s\":2,\"rev\":1}").bare());

    assertThat(rejected.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
    assertThat(rejected.error()).isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("duplicate field 's'");
  }

  @Test
  void rejectsEveryValueWithoutThrowing() {
    for (String value : new String[] {null, "", " ", "\u0000", "{}", "{\"payload\":null}",
        "{\"op\":\"c\",\"source\":null}", "{\"op\":\"c\",\"source\":{\"table\":7}}",
        "{\"op\":\"c\",\"source\":{\"table\":\"orders\"},\"after\":[]}", "[[[[[[[[[[[[]]]]]]]]]]]]",
        "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"}) {
      assertThat(router.route(bytes(value))).as(value).isInstanceOf(Route.Rejected.class);
    }
  }
}
