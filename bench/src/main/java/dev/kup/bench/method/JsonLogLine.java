package dev.kup.bench.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** One line of kup's ECS JSON log, read by the benchmark's log readers. */
final class JsonLogLine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLogLine() {}

  /** The line's JSON object, or null for a line that is not one (JVM output, a cut-off line). */
  static JsonNode parseOrNull(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      return JSON.readTree(line);
    } catch (IOException notJson) {
      return null;
    }
  }
}
