package dev.kup.demo.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void thePlanIsWhatApplyingTheLinesInOrderGives() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StreamPlan plan = new DemoStream(50, 0.05, 0.06, 7).write(3_000, out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();

    // replay the lines against an in-memory table: rows 1..50 at version 0
    long[] versions = new long[51];
    long points = 0;
    long applied = 0;
    Map<String, Long> deadLetters = new HashMap<>();
    for (String line : lines) {
      JsonNode record;
      try {
        record = JSON.readTree(line);
      } catch (Exception malformed) {
        deadLetters.merge("MALFORMED_JSON", 1L, Long::sum);
        continue;
      }
      JsonNode set = record.path("set");
      if (set.has("nickname")) {
        deadLetters.merge("UNKNOWN_COLUMN", 1L, Long::sum);
      } else if (set.path("points").isTextual()) {
        deadLetters.merge("TYPE_MISMATCH", 1L, Long::sum);
      } else {
        int id = record.path("key").path("id").asInt();
        if (record.path("version").asLong() != versions[id]) {
          deadLetters.merge("VERSION_CONFLICT", 1L, Long::sum);
        } else {
          versions[id]++;
          applied++;
          points += record.path("increment").path("points").asLong();
        }
      }
    }

    assertThat(lines).hasSize(3_000);
    assertThat(plan.records()).isEqualTo(3_000);
    assertThat(plan.applicable()).isEqualTo(applied);
    assertThat(plan.pointsAdded()).isEqualTo(points);
    assertThat(plan.deadLettersByReason()).isEqualTo(deadLetters);
    assertThat(plan.deadLettersByReason().keySet())
        .containsExactlyInAnyOrder("MALFORMED_JSON", "UNKNOWN_COLUMN", "TYPE_MISMATCH", "VERSION_CONFLICT");
    assertThat(plan.applicable() + plan.deadLetters()).isEqualTo(3_000);
  }

  @Test
  void theSameSeedWritesTheSameStreamAndAnotherSeedAnother() {
    assertThat(stream(11)).isEqualTo(stream(11)).isNotEqualTo(stream(12));
  }

  private static byte[] stream(long seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DemoStream(100, 0.01, 0.015, seed).write(500, out);
    return out.toByteArray();
  }
}
