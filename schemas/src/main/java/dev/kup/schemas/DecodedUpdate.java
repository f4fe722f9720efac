package dev.kup.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link UpdateRecordParser} made of one Kafka record value: a {@link Valid} update record or
 * an {@link Invalid} one to dead-letter. Both keep the exact bytes received, which is what a
 * dead-letter record carries.
 *
 * <p>The {@code raw} array is shared, not copied: whoever holds a decoded update must not modify
 * it.
 */
public sealed interface DecodedUpdate {

  /** The record value as received; null only for a tombstone (an {@link Invalid}). */
  byte[] raw();

  /**
   * A record value that follows the contract.
   *
   * @param record the decoded record; non-null
   * @param raw the bytes it was decoded from; non-null
   */
  record Valid(UpdateRecord record, byte[] raw) implements DecodedUpdate {
    public Valid {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(raw, "raw");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Valid that
          && record.equals(that.record)
          && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
      return 31 * record.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
      return "Valid[record=" + record + ", raw=" + raw.length + " bytes]";
    }
  }

  /**
   * A record value that breaks the contract.
   *
   * @param raw the bytes received; null only for a tombstone
   * @param reason why; from the parser {@link DeadLetterReason#MALFORMED_JSON} or {@link
   *     DeadLetterReason#SCHEMA_VIOLATION}; non-null
   * @param message what exactly is wrong, for an operator; non-null
   */
  record Invalid(byte[] raw, DeadLetterReason reason, String message) implements DecodedUpdate {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Invalid that
          && Arrays.equals(raw, that.raw)
          && reason == that.reason
          && message.equals(that.message);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(raw), reason, message);
    }

    @Override
    public String toString() {
      return "Invalid[reason=" + reason + ", message=" + message + ", raw=" + describe(raw) + "]";
    }

    private static String describe(byte[] raw) {
      if (raw == null) {
        return "null";
      }
      int shown = Math.min(raw.length, 200);
      String text = new String(raw, 0, shown, StandardCharsets.UTF_8);
      return raw.length + " bytes \"" + text + (shown < raw.length ? "...\"" : "\"");
    }
  }
}
