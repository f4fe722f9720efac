package dev.kup.schemas;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer that decodes values with {@link UpdateRecordParser}. It never throws: a bad
 * value becomes a {@link DecodedUpdate.Invalid} for the pipeline to dead-letter, instead of an
 * exception that would stall the poll loop on that offset.
 */
public final class UpdateRecordDeserializer implements Deserializer<DecodedUpdate> {
  private final UpdateRecordParser parser = new UpdateRecordParser();

  @Override
  public DecodedUpdate deserialize(String topic, byte[] data) {
    return parser.parse(data);
  }
}
