package dev.kup.schemas;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing an {@link UpdateRecord} as {@link UpdateRecordJson#toJson}; a null
 * record becomes a null value. Remember the record key: {@link UpdateRecord#kafkaKey()}.
 */
public final class UpdateRecordSerializer implements Serializer<UpdateRecord> {
  @Override
  public byte[] serialize(String topic, UpdateRecord record) {
    return record == null ? null : UpdateRecordJson.toJson(record);
  }
}
