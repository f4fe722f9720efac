package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path must never change an answer: on generated records, valid and broken in every way
 * the contract knows, and on random mutations of them, the parser with the fast path gives exactly
 * what the tree path alone gives.
 */
class StreamingRecordReaderTest {
  private static final String[] OPS = {"\"update\"", "\"upsert\"", "\"delete\"", "\"merge\"", "1"};
  private static final String[] SCALARS = {
    "1", "-7", "0", "-0", "42.50", "1e3", "1.0E-2", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "123456789012345678901234567890", "\"text\"", "\"\"", "\"a:b\"",
    "\"\\u00e9\\n\"", "true", "false", "null", "{}", "[1]", "{\"a\":1}"
  };
  private static final String[] VERSIONS = {
    "0", "1", "7", "-1", "7.0", "7.5", "1e2", "9223372036854775807", "9223372036854775808",
    "\"3\"", "null", "true"
  };
  private static final String[] TIMESTAMPS = {
    "\"2024-05-01T12:00:00Z\"", "\"2024-05-01T12:00:00.123456789+02:00\"", "\"2024-02-30T00:00:00Z\"",
    "\"2024-05-01 12:00:00\"", "\"2024-05-01T24:00:00Z\"", "5", "null"
  };
  private static final String[] COLUMNS = {"id", "balance", "status", "points", "", "id", "a b"};

  private final UpdateRecordParser withFastPath = new UpdateRecordParser();
  private final UpdateRecordParser treeOnly = new UpdateRecordParser(false);

  @Test
  void givesTheTreePathsAnswerForGeneratedAndMutatedRecords() {
    Random random = new Random(20261127);
    int valid = 0;
    int invalid = 0;
    for (int i = 0; i < 20_000; i++) {
      String json = record(random);
      if (random.nextInt(4) == 0) {
        json = mutate(json, random);
      }
      byte[] raw = json.getBytes(StandardCharsets.UTF_8);
      DecodedUpdate expected = treeOnly.parse(raw);
      assertThat(withFastPath.parse(raw)).as(json).isEqualTo(expected);
      if (expected instanceof DecodedUpdate.Valid) {
        valid++;
      } else {
        invalid++;
      }
    }
    // the generator must exercise both answers for the comparison to mean anything
    assertThat(valid).isGreaterThan(2_000);
    assertThat(invalid).isGreaterThan(2_000);
  }

  @Test
  void readsTheUsualRecordWithoutTheTree() {
    StreamingRecordReader reader = new StreamingRecordReader(new JsonFactory());
    byte[] usual = ("{\"table\":\"accounts\",\"key\":{\"id\":42},\"version\":7,"
        + "\"set\":{\"status\":\"gold\",\"note\":null},\"increment\":{\"points\":5,\"balance\":-2.50},"
        + "\"id\":\"e-1\",\"ts\":\"2024-05-01T12:00:00Z\"}").getBytes(StandardCharsets.US_ASCII);

    UpdateRecord record = reader.read(usual);

    assertThat(record).isNotNull();
    assertThat(record).isEqualTo(((DecodedUpdate.Valid) treeOnly.parse(usual)).record());
  }

  @Test
  void leavesWhatItDoesNotPlainlyAcceptToTheTreePath() {
    StreamingRecordReader reader = new StreamingRecordReader(new JsonFactory());
    List<String> declined = List.of(
        "{\"table\":\"a\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"x\":1},\"table\":\"b\"}",
        "{\"table\":\"a\",\"key\":{\"id\":1,\"id\":2},\"version\":1,\"set\":{\"x\":1}}",
        "{\"table\":\"a\",\"key\":{\"id\":1},\"version\":7.0,\"set\":{\"x\":1}}",
        "{\"table\":\"a\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"x\":1}} {}",
        "{\"table\":\"a\",\"key\":{\"id\":1},\"version\":1,\"set\":{}}",
        "{\"table\":\"a\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"x\":[1]}}",
        "{\"table\":\"a\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"x\":1},\"extra\":1}");
    for (String json : declined) {
      assertThat(reader.read(json.getBytes(StandardCharsets.US_ASCII))).as(json).isNull();
    }
  }

  private static String record(Random random) {
    List<String> fields = new ArrayList<>();
    if (random.nextInt(20) > 0) {
      fields.add("\"table\":" + (random.nextInt(4) > 0 ? "\"accounts\"" : pick(random, "\"\"", "\"a:b\"", "7")));
    }
    if (random.nextInt(20) > 0) {
      fields.add("\"key\":" + (random.nextInt(15) == 0 ? pick(random, "{}", "[]", "1") : columns(random, 1 + random.nextInt(2))));
    }
    if (random.nextInt(10) > 0) {
      fields.add("\"version\":" + (random.nextInt(3) > 0 ? "7" : pick(random, VERSIONS)));
    }
    if (random.nextInt(3) == 0) {
      fields.add("\"op\":" + (random.nextInt(3) > 0 ? "\"update\"" : pick(random, OPS)));
    }
    if (random.nextInt(6) > 0) {
      fields.add("\"set\":" + (random.nextInt(15) == 0 ? pick(random, "null", "[]", "1") : columns(random, random.nextInt(8) > 0 ? 1 + random.nextInt(3) : 0)));
    }
    if (random.nextInt(3) == 0) {
      fields.add("\"increment\":" + (random.nextInt(3) > 0
          ? "{\"n0\":" + pick(random, "1", "-2", "2.50", "1e2", "99999999999999999999") + "}"
          : columns(random, random.nextInt(3))));
    }
    if (random.nextInt(4) == 0) {
      fields.add("\"id\":" + pick(random, "\"e-1\"", "\"\"", "5", "null"));
    }
    if (random.nextInt(4) == 0) {
      fields.add("\"ts\":" + pick(random, TIMESTAMPS));
    }
    if (random.nextInt(30) == 0) {
      fields.add("\"" + pick(random, "extra", "table", "key", "version") + "\":1");
    }
    java.util.Collections.shuffle(fields, random);
    String space = random.nextInt(5) == 0 ? " \n" : "";
    return space + "{" + String.join("," + space, fields) + "}" + space;
  }

  private static String columns(Random random, int count) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // mostly plain scalars, so that many generated records are valid
      String value = random.nextInt(3) > 0 ? pick(random, "1", "\"gold\"", "2.5", "-3") : pick(random, SCALARS);
      String name = random.nextInt(8) > 0 ? "c" + i : pick(random, COLUMNS);
      columns.add("\"" + name + "\":" + value);
    }
    return "{" + String.join(",", columns) + "}";
  }

  private static String mutate(String json, Random random) {
    StringBuilder text = new StringBuilder(json);
    int at = random.nextInt(text.length());
    switch (random.nextInt(4)) {
      case 0 -> text.deleteCharAt(at);
      case 1 -> text.insert(at, pick(random, "{", "}", ",", ":", "\"", "1", " ", "\u00e9", "\0"));
      case 2 -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(12))));
      default -> text.setLength(at);
    }
    return text.toString();
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
