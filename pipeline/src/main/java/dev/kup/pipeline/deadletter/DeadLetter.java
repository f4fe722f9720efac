package dev.kup.pipeline.deadletter;

import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that can never apply, with everything needed to say what failed and where it came from.
 *
 * @param source the original record; its key, headers and coordinates are forwarded untouched
 * @param rawValue the original value bytes exactly as consumed (null for a tombstone)
 * @param stage where in the pipeline it failed
 * @param reason the stable reason code
 * @param error what failed; for refusals without an exception, a {@link RecordRejectedException}
 * @param sqlState the database's SQLSTATE when the database said it, else null
 * @param traceId the trace id of the batch that dead-lettered it
 * @param failedAt when it was dead-lettered
 */
public record DeadLetter(
    ConsumerRecord<byte[], ?> source,
    byte[] rawValue,
    DeadLetterStage stage,
    DeadLetterReason reason,
    Throwable error,
    String sqlState,
    String traceId,
    Instant failedAt) {

  public DeadLetter {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(failedAt, "failedAt");
  }
}
