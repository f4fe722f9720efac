package dev.kup.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSchemaCheckTest {
  private final JsonSchemaCheck schema = JsonSchemaCheck.load();

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptsAValidRecord() {
    assertThat(
            schema.violation(
                bytes("{\"table\":\"t\",\"key\":{\"id\":1},\"version\":1,\"set\":{\"a\":1}}")))
        .isEmpty();
  }

  @Test
  void reportsWhatTheSchemaSaysIsWrong() {
    assertThat(
            schema.violation(
                bytes("{\"table\":\"t\",\"key\":{\"id\":1},\"version\":\"7\",\"set\":{\"a\":1}}")))
        .hasValueSatisfying(
            message -> assertThat(message).isEqualTo("/version: string found, integer expected"));
  }

  @Test
  void reportsInvalidJson() {
    assertThat(schema.violation(bytes("{\"table\":")))
        .hasValueSatisfying(m -> assertThat(m).startsWith("invalid JSON"));
  }
}
