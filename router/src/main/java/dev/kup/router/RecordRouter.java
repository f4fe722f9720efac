package dev.kup.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import dev.kup.schemas.UpdateRecordParser;
import java.util.List;
import java.util.Optional;

/**
 * Decides what one input record value becomes. A value that {@link UpdateRecordParser} accepts is
 * an update record and goes on as it is. Otherwise a value shaped as a Debezium change event
 * ({@link ChangeEventShape}) is mapped ({@link DebeziumMapper}) and the result checked against the
 * contract exactly as the consumer's parser will check it, so that the router never forwards what
 * the consumer would dead-letter for its form. Anything else is judged as an update record: it
 * gets the parser's reason and message, the same the consumer would give the same bytes.
 *
 * <p>{@link #route} never throws: whatever the bytes, the answer is a {@link Route}. Thread-safe.
 */
public final class RecordRouter {
  private final UpdateRecordParser parser = new UpdateRecordParser();
  private final ChangeEventShape changeEvents = new ChangeEventShape();
  private final DebeziumMapper debezium;

  /** @param tables how change events of each source table become update records */
  public RecordRouter(List<TableMapping> tables) {
    this.debezium = new DebeziumMapper(tables);
  }

  /**
   * @param value a record value; null for a tombstone
   * @return where it goes; never null
   */
  public Route route(byte[] value) {
    try {
      DecodedUpdate decoded = parser.parse(value);
      if (decoded instanceof DecodedUpdate.Valid valid) {
        return Route.Forward.of(valid.record());
      }
      DecodedUpdate.Invalid invalid = (DecodedUpdate.Invalid) decoded;
      Optional<ObjectNode> event = invalid.reason() == DeadLetterReason.SCHEMA_VIOLATION
          ? changeEvents.payloadOf(value) : Optional.empty();
      return event.map(payload -> checked(debezium.map(payload)))
          .orElseGet(() -> Route.Rejected.because(invalid.reason(), invalid.message()));
    } catch (RouteRejection e) {
      return Route.Rejected.because(e.reason(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // a bug or an input nobody foresaw must still not stop the stream
      return new Route.Rejected(DeadLetterReason.SCHEMA_VIOLATION, e);
    }
  }

  /** The record as the consumer will read it, or the contract rule it breaks. */
  private Route checked(UpdateRecord mapped) {
    DecodedUpdate decoded = parser.parse(UpdateRecordJson.toJson(mapped));
    if (decoded instanceof DecodedUpdate.Valid valid) {
      return Route.Forward.of(valid.record());
    }
    DecodedUpdate.Invalid invalid = (DecodedUpdate.Invalid) decoded;
    return Route.Rejected.because(invalid.reason(),
        "the change event maps to an update record that breaks the contract: "
            + invalid.message());
  }
}
