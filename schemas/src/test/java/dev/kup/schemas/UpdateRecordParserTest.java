package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateRecordParserTest {
  private final UpdateRecordParser parser = new UpdateRecordParser();

  private DecodedUpdate parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private UpdateRecord valid(String json) {
    DecodedUpdate decoded = parse(json);
    assertThat(decoded).isInstanceOf(DecodedUpdate.Valid.class);
    return ((DecodedUpdate.Valid) decoded).record();
  }

  private DecodedUpdate.Invalid invalid(String json) {
    DecodedUpdate decoded = parse(json);
    assertThat(decoded).isInstanceOf(DecodedUpdate.Invalid.class);
    return (DecodedUpdate.Invalid) decoded;
  }

  @Test
  void acceptsAnUpdateWithEveryField() {
    String json =
        """
        {"table":"accounts","key":{"id":42},"version":7,"op":"update",
         "set":{"status":"closed","note":null,"rate":0.10,"vip":true},
         "increment":{"balance":-12.50,"ops":1},
         "id":"r-1","ts":"2024-05-01T14:00:00.250+02:00"}
        """;

    UpdateRecord record = valid(json);

    assertThat(record.table()).isEqualTo("accounts");
    assertThat(record.key()).containsExactly(Map.entry("id", 42L));
    assertThat(record.version()).isEqualTo(7L);
    assertThat(record.op()).isEqualTo(Op.UPDATE);
    assertThat(record.set()).containsKeys("status", "note", "rate", "vip");
    assertThat(record.set().get("note")).isNull();
    assertThat(record.set().get("rate")).isEqualTo(new BigDecimal("0.10"));
    assertThat(record.set().get("vip")).isEqualTo(true);
    assertThat(record.increment())
        .containsExactly(Map.entry("balance", new BigDecimal("-12.50")), Map.entry("ops", 1L));
    assertThat(record.id()).isEqualTo("r-1");
    assertThat(record.ts()).isEqualTo(Instant.parse("2024-05-01T12:00:00.250Z"));
  }

  @Test
  void keepsTheRawBytesOfAValidRecord() {
    byte[] raw =
        "{\"table\":\"t\",\"key\":{\"id\":1},\"version\":0,\"set\":{\"a\":1}}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(raw).raw()).isSameAs(raw);
  }

  @Test
  void defaultsOpToUpdate() {
    UpdateRecord record =
        valid("{\"table\":\"t\",\"key\":{\"id\":1},\"version\":3,\"set\":{\"a\":1}}");

    assertThat(record.op()).isEqualTo(Op.UPDATE);
    assertThat(record.id()).isNull();
    assertThat(record.ts()).isNull();
    assertThat(record.increment()).isEmpty();
  }

  @Test
  void acceptsAnUpsertWithoutVersion() {
    UpdateRecord record =
        valid("{\"table\":\"t\",\"key\":{\"id\":\"a\"},\"op\":\"upsert\",\"increment\":{\"n\":1}}");

    assertThat(record.op()).isEqualTo(Op.UPSERT);
    assertThat(record.version()).isNull();
  }

  @Test
  void acceptsADeleteWithoutChanges() {
    UpdateRecord record =
        valid("{\"table\":\"t\",\"key\":{\"id\":1},\"version\":9,\"op\":\"delete\"}");

    assertThat(record.op()).isEqualTo(Op.DELETE);
    assertThat(record.set()).isEmpty();
    assertThat(record.increment()).isEmpty();
  }

  @Test
  void acceptsACompositeKeyInDocumentOrder() {
    UpdateRecord record =
        valid(
            "{\"table\":\"order_lines\",\"key\":{\"order_id\":7,\"line\":3},\"version\":1,"
                + "\"set\":{\"qty\":2}}");

    assertThat(record.key()).containsExactly(Map.entry("order_id", 7L), Map.entry("line", 3L));
    assertThat(record.kafkaKey()).isEqualTo("order_lines:line=3,order_id=7");
  }

  @Test
  void readsNumbersExactlyNeverAsDouble() {
    UpdateRecord record =
        valid(
            "{\"table\":\"t\",\"key\":{\"id\":123456789012345678901234567890},\"version\":1,"
                + "\"set\":{\"a\":0.1,\"b\":1e400,\"c\":9223372036854775807,\"d\":1.50}}");

    assertThat(record.key().get("id")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(record.set().get("a")).isEqualTo(new BigDecimal("0.1"));
    assertThat(record.set().get("b")).isEqualTo(new BigDecimal("1e400"));
    assertThat(record.set().get("c")).isEqualTo(Long.MAX_VALUE);
    assertThat(record.set().get("d")).isEqualTo(new BigDecimal("1.50"));
  }

  @Test
  void acceptsAnIntegralDecimalAsVersionLikeJsonSchemaDoes() {
    assertThat(
            valid("{\"table\":\"t\",\"key\":{\"id\":1},\"version\":7.0,\"set\":{\"a\":1}}")
                .version())
        .isEqualTo(7L);
  }

  @Test
  void keepsSetColumnsInDocumentOrder() {
    UpdateRecord record =
        valid(
            "{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"z\":1,\"a\":2,\"m\":3}}");

    assertThat(record.set().keySet()).containsExactly("z", "a", "m");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown field         | {"table":"t","key":{"id":1},"version":1,"sett":{"a":1}}                 | unexpected field 'sett'
          missing table         | {"key":{"id":1},"version":1,"set":{"a":1}}                              | missing field 'table'
          empty table           | {"table":"","key":{"id":1},"version":1,"set":{"a":1}}                   | field 'table' must be a non-empty string, got ""
          numeric table         | {"table":42,"key":{"id":1},"version":1,"set":{"a":1}}                   | field 'table' must be a non-empty string, got 42
          table with colon      | {"table":"a:b","key":{"id":1},"version":1,"set":{"a":1}}                | field 'table' must not contain ':', got "a:b"
          missing key           | {"table":"t","version":1,"set":{"a":1}}                                 | missing field 'key'
          empty key             | {"table":"t","key":{},"version":1,"set":{"a":1}}                        | field 'key' must be a non-empty object, got {}
          key not an object     | {"table":"t","key":42,"version":1,"set":{"a":1}}                        | field 'key' must be a non-empty object, got 42
          null key value        | {"table":"t","key":{"id":null},"version":1,"set":{"a":1}}               | field 'key.id' must be a string, number or boolean, got null
          object key value      | {"table":"t","key":{"id":{"x":1}},"version":1,"set":{"a":1}}            | field 'key.id' must be a string, number or boolean, got {"x":1}
          empty key column      | {"table":"t","key":{"":1},"version":1,"set":{"a":1}}                    | field 'key' has an empty column name
          text version          | {"table":"t","key":{"id":1},"version":"abc","set":{"a":1}}              | field 'version' must be an integer >= 0, got "abc"
          negative version      | {"table":"t","key":{"id":1},"version":-1,"set":{"a":1}}                 | field 'version' must be an integer >= 0, got -1
          fractional version    | {"table":"t","key":{"id":1},"version":1.5,"set":{"a":1}}                | field 'version' must be an integer >= 0, got 1.5
          null version          | {"table":"t","key":{"id":1},"version":null,"set":{"a":1}}               | field 'version' must be an integer >= 0, got null
          huge version          | {"table":"t","key":{"id":1},"version":9223372036854775808,"set":{"a":1}} | field 'version' must be at most 9223372036854775807, got 9223372036854775808
          update no version     | {"table":"t","key":{"id":1},"set":{"a":1}}                              | missing field 'version', required when op is "update"
          delete no version     | {"table":"t","key":{"id":1},"op":"delete"}                              | missing field 'version', required when op is "delete"
          unknown op            | {"table":"t","key":{"id":1},"version":1,"op":"merge","set":{"a":1}}     | field 'op' must be one of "update", "upsert", "delete", got "merge"
          upper-case op         | {"table":"t","key":{"id":1},"version":1,"op":"UPDATE","set":{"a":1}}    | field 'op' must be one of "update", "upsert", "delete", got "UPDATE"
          set not an object     | {"table":"t","key":{"id":1},"version":1,"set":[1]}                      | field 'set' must be an object, got [1]
          nested set value      | {"table":"t","key":{"id":1},"version":1,"set":{"a":[1,2]}}              | field 'set.a' must be a string, number, boolean or null, got [1,2]
          text increment        | {"table":"t","key":{"id":1},"version":1,"increment":{"n":"1"}}          | field 'increment.n' must be a number, got "1"
          null increment        | {"table":"t","key":{"id":1},"version":1,"increment":{"n":null}}         | field 'increment.n' must be a number, got null
          update changes nothing | {"table":"t","key":{"id":1},"version":1}                               | an update must change something: 'set' or 'increment' must be a non-empty object
          upsert empty changes  | {"table":"t","key":{"id":1},"op":"upsert","set":{},"increment":{}}      | an upsert must change something: 'set' or 'increment' must be a non-empty object
          delete with set       | {"table":"t","key":{"id":1},"version":1,"op":"delete","set":{"a":1}}    | a delete must not carry 'set' or 'increment' columns
          column set and incremented | {"table":"t","key":{"id":1},"version":1,"set":{"n":1},"increment":{"n":2}} | column 'n' appears in both 'set' and 'increment'
          numeric id            | {"table":"t","key":{"id":1},"version":1,"set":{"a":1},"id":7}           | field 'id' must be a string, got 7
          ts without offset     | {"table":"t","key":{"id":1},"version":1,"set":{"a":1},"ts":"2024-05-01T12:00:00"} | field 'ts' must be an ISO-8601 date-time with seconds and offset (e.g. "2024-05-01T12:00:00Z"), got "2024-05-01T12:00:00"
          ts impossible date    | {"table":"t","key":{"id":1},"version":1,"set":{"a":1},"ts":"2024-02-30T12:00:00Z"} | field 'ts' must be an ISO-8601 date-time with seconds and offset (e.g. "2024-05-01T12:00:00Z"), got "2024-02-30T12:00:00Z"
          ts as epoch number    | {"table":"t","key":{"id":1},"version":1,"set":{"a":1},"ts":1714564800}  | field 'ts' must be an ISO-8601 date-time with seconds and offset (e.g. "2024-05-01T12:00:00Z"), got 1714564800
          duplicate field       | {"table":"t","key":{"id":1},"version":1,"set":{"a":1},"version":2}      | duplicate field 'version' at line 1 column 64
          duplicate column      | {"table":"t","key":{"id":1},"version":1,"set":{"a":1,"a":2}}            | duplicate field 'a' at line 1 column 57
          """)
  void rejectsAContractViolationWithASpecificMessage(String rule, String json, String message) {
    DecodedUpdate.Invalid invalid = invalid(json);

    assertThat(invalid.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
    assertThat(invalid.message()).isEqualTo(message);
    assertThat(invalid.raw()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          truncated          | {"table":"t","key":{"id":1         | invalid JSON at line 1 column 27: Unexpected end-of-input
          trailing garbage   | {"table":"t"} x                    | invalid JSON at line 1 column 15: Unrecognized token 'x'
          two objects        | {"table":"t"} {}                   | invalid JSON at line 1 column 15: Trailing token (of type START_OBJECT)
          single quotes      | {'table':'t'}                      | invalid JSON at line 1 column 2: Unexpected character (''' (code 39))
          array at top level | [{"table":"t"}]                    | record must be a JSON object, got array
          string at top      | `"hello"`                          | record must be a JSON object, got string
          null at top level  | null                               | record must be a JSON object, got null
          empty              | ``                                 | record value is empty
          blank              | `  `                               | record value is empty
          """)
  void rejectsMalformedJson(String what, String text, String messageStart) {
    DecodedUpdate.Invalid invalid = invalid(text);

    assertThat(invalid.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
    assertThat(invalid.message()).startsWith(messageStart);
  }

  @Test
  void rejectsBytesThatAreNotUtf8AsMalformed() {
    byte[] latin1 = "{\"table\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    DecodedUpdate.Invalid invalid = (DecodedUpdate.Invalid) parser.parse(latin1);

    assertThat(invalid.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
    assertThat(invalid.message())
        .isEqualTo("record value is not valid UTF-8 (bad byte at offset 13)");
  }

  @Test
  void rejectsUtf16AsMalformedThoughJacksonCouldGuessIt() {
    byte[] utf16 =
        "{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"a\":1}}"
            .getBytes(StandardCharsets.UTF_16LE);

    assertThat(parser.parse(utf16)).isInstanceOf(DecodedUpdate.Invalid.class);
  }

  @Test
  void rejectsATombstoneWithNullRaw() {
    assertThat(parser.parse(null))
        .isEqualTo(
            new DecodedUpdate.Invalid(
                null, DeadLetterReason.MALFORMED_JSON, "record has no value (tombstone)"));
  }

  @Test
  void rejectsDeepNestingWithoutThrowing() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String json = "{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"a\":" + deep + "}}";

    DecodedUpdate.Invalid invalid = invalid(json);

    assertThat(invalid.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
    assertThat(invalid.message())
        .isEqualTo(
            "record exceeds limits: Document nesting depth (33) exceeds the maximum allowed (32)");
  }

  @Test
  void rejectsAnOverlongNumberWithoutThrowing() {
    String json =
        "{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"a\":"
            + "9".repeat(5000)
            + "}}";

    DecodedUpdate.Invalid invalid = invalid(json);

    assertThat(invalid.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
    assertThat(invalid.message()).contains("Number value length");
  }

  @Test
  void acceptsHugeExponentsAsExactDecimals() {
    UpdateRecord record =
        valid(
            "{\"table\":\"t\",\"key\":{\"id\":1e999999999},\"version\":1,"
                + "\"increment\":{\"n\":-1e-999999999}}");

    assertThat(record.key().get("id")).isEqualTo(new BigDecimal("1e999999999"));
    assertThat(record.kafkaKey()).isEqualTo("t:1E+999999999");
  }

  @Test
  void rejectsAnExponentBeyondDecimalRangeWithoutThrowing() {
    DecodedUpdate decoded =
        parse("{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1e99999999999,\"set\":{\"a\":1}}");

    assertThat(decoded).isInstanceOf(DecodedUpdate.Invalid.class);
  }

  @Test
  void findsTheKafkaKeyOfARecordThatBreaksOtherRules() {
    byte[] raw =
        "{\"table\":\"t\",\"key\":{\"id\":5},\"sett\":{}}".getBytes(StandardCharsets.UTF_8);

    assertThat(parser.kafkaKeyOf(raw)).contains("t:5");
    assertThat(parser.kafkaKeyOf("{\"table\":\"t\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(parser.kafkaKeyOf("nope".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(parser.kafkaKeyOf(null)).isEmpty();
  }

  @Test
  void decodesTheSameRecordWhateverTheKeyOrder() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("b", 2L);
    key.put("a", "x");
    UpdateRecord record =
        valid("{\"table\":\"t\",\"key\":{\"b\":2,\"a\":\"x\"},\"version\":1,\"set\":{\"c\":1}}");

    assertThat(record.key()).isEqualTo(key);
    assertThat(record.kafkaKey()).isEqualTo("t:a=x,b=2");
  }
}
