package dev.kup.cli.publish;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kup.schemas.UpdateRecordSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validates a record value against the published {@code update-record.schema.json}, as a producer
 * in another language would, with format assertions on. Thread-safe.
 */
final class JsonSchemaCheck {
  private final JsonSchema schema;
  private final ObjectMapper json =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private JsonSchemaCheck(JsonSchema schema) {
    this.schema = schema;
  }

  /** Loads the schema from the class path of {@code kup-schemas}. */
  static JsonSchemaCheck load() {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = UpdateRecordSchema.open()) {
      return new JsonSchemaCheck(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UpdateRecordSchema.RESOURCE, e);
    }
  }

  /**
   * What the schema says is wrong with a value.
   *
   * @param value UTF-8 JSON
   * @return empty when the value is valid; else the validator's messages, sorted, joined by "; "
   */
  Optional<String> violation(byte[] value) {
    try {
      var errors = schema.validate(json.readTree(value));
      if (errors.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          errors.stream()
              .map(ValidationMessage::getMessage)
              .sorted()
              .collect(Collectors.joining("; ")));
    } catch (JacksonException e) {
      return Optional.of("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
