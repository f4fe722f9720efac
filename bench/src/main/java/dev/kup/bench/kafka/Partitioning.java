package dev.kup.bench.kafka;

import dev.kup.bench.data.Dataset;
import dev.kup.localkit.stream.TableRows;
import dev.kup.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition the Java client's default partitioner gives a keyed record: murmur2 of the key
 * bytes, made positive, modulo the partition count. Stateless.
 */
public final class Partitioning {

  private Partitioning() {}

  /** The contract's Kafka key of row {@code id} of the benchmark table, as UTF-8. */
  private static byte[] kafkaKey(long id) {
    return RecordKeys.kafkaKey(Dataset.TABLE, TableRows.key(id))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The partition of row {@code id} among {@code partitions}. */
  public static int partitionOf(long id, int partitions) {
    return Utils.toPositive(Utils.murmur2(kafkaKey(id))) % partitions;
  }
}
