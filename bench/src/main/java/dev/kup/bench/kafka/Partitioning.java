package dev.kup.bench.kafka;

import dev.kup.bench.data.UpdateStream;
import dev.kup.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition the Java client's default partitioner gives a keyed record: murmur2 of the key
 * bytes, made positive, modulo the partition count. Stateless.
 */
public final class Partitioning {

  private Partitioning() {}

  /** The contract's Kafka key of row {@code id} of the benchmark table, as UTF-8. */
  public static byte[] kafkaKey(long id) {
    return RecordKeys.kafkaKey(UpdateStream.TABLE, Map.of("id", id))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The partition of row {@code id} among {@code partitions}. */
  public static int partitionOf(long id, int partitions) {
    return Utils.toPositive(Utils.murmur2(kafkaKey(id))) % partitions;
  }
}
