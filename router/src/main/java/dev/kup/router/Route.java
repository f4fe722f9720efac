package dev.kup.router;

import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import dev.kup.schemas.UpdateRecordJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** Where {@link RecordRouter} sends a record: on as an update record, or to dead letters. */
public sealed interface Route {

  /**
   * An update record that follows the contract, to be written keyed by its row. The arrays are
   * shared, not copied: whoever holds a forward must not modify them.
   *
   * @param record non-null
   * @param key {@link UpdateRecord#kafkaKey()} as UTF-8; non-null
   * @param value the record's canonical JSON ({@link UpdateRecordJson}); non-null
   */
  record Forward(UpdateRecord record, byte[] key, byte[] value) implements Route {
    public Forward {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** The record with its Kafka key and canonical JSON. */
    static Forward of(UpdateRecord record) {
      return new Forward(record, record.kafkaKey().getBytes(StandardCharsets.UTF_8),
          UpdateRecordJson.toJson(record));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Forward that
          && record.equals(that.record)
          && Arrays.equals(key, that.key)
          && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(record, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
      return "Forward[key=" + new String(key, StandardCharsets.UTF_8) + ", record=" + record + "]";
    }
  }

  /**
   * A record that cannot be routed.
   *
   * @param reason the stable reason code; non-null
   * @param error what failed: a {@link RecordRejectedException} for a refusal, or the unforeseen
   *     exception itself; non-null
   */
  record Rejected(DeadLetterReason reason, Throwable error) implements Route {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(error, "error");
    }

    /** A refusal that no exception caused. */
    static Rejected because(DeadLetterReason reason, String message) {
      return new Rejected(reason, new RecordRejectedException(reason, message));
    }
  }
}
