package dev.kup.router;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells a Debezium change event in the JSON converter's form by its shape, and unwraps it: either
 * the schema envelope {@code {"schema": …, "payload": {…}}} (a {@code payload} member and no other
 * than {@code schema}) or the bare payload (an object with both {@code op} and {@code source}). An
 * update record has neither shape: the contract allows no {@code payload} or {@code source}.
 *
 * <p>JSON is read as strictly as {@link UpdateRecordParser} reads it: no repeated member names,
 * the same limits, numbers exact. Thread-safe.
 */
final class ChangeEventShape {
  private final ObjectMapper json = UpdateRecordParser.mapper(true);

  /**
   * The change event's payload, or empty when the value is no JSON object of either shape.
   *
   * @param utf8 a record value already known to be UTF-8 text
   * @throws RouteRejection ({@link DeadLetterReason#SCHEMA_VIOLATION}) for an envelope whose
   *     payload is no change event
   */
  Optional<ObjectNode> payloadOf(byte[] utf8) {
    JsonNode tree = tree(utf8);
    if (!(tree instanceof ObjectNode object)) {
      return Optional.empty();
    }
    if (isEnvelope(object)) {
      JsonNode payload = object.get("payload");
      if (payload instanceof ObjectNode event && isBarePayload(event)) {
        return Optional.of(event);
      }
      throw new RouteRejection(
          DeadLetterReason.SCHEMA_VIOLATION,
          "the envelope's payload is no change event: it needs an object with 'op' and 'source'");
    }
    return isBarePayload(object) ? Optional.of(object) : Optional.empty();
  }

  private static boolean isEnvelope(ObjectNode object) {
    return object.has("payload") && object.size() == (object.has("schema") ? 2 : 1);
  }

  private static boolean isBarePayload(ObjectNode object) {
    return object.has("op") && object.has("source");
  }

  private JsonNode tree(byte[] utf8) {
    try {
      // from text, not bytes: bytes with NUL would make Jackson guess UTF-16 or UTF-32
      return json.readTree(new String(utf8, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      return null;
    }
  }

}
