package dev.kup.pipeline.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What became of one committed batch: every record has exactly one outcome.
 *
 * @param batch the batch
 * @param traceId its trace id
 * @param outcomes records per (table, outcome); outcome is {@code applied}, {@code conflict},
 *     {@code not_found} (both dead-lettered by policy), {@code skipped} (a conflict or missing row
 *     skipped by policy), {@code stale} (an external version not newer than the row's, never
 *     dead-lettered) or {@code dead_lettered} (refused before or by the database); table is an
 *     allow-listed name or {@code none}
 * @param deadLetters dead letters per (stage, reason)
 * @param duration time to validate, apply and commit
 * @param committedAt when the DB transaction committed
 */
public record BatchReport(
    MicroBatch batch,
    String traceId,
    Map<RecordOutcome, Integer> outcomes,
    Map<DeadLetterCause, Integer> deadLetters,
    Duration duration,
    Instant committedAt) {

  public static final String NO_TABLE = "none";

  public BatchReport {
    outcomes = Map.copyOf(outcomes);
    deadLetters = Map.copyOf(deadLetters);
  }

  /** A record's final outcome and the allow-listed table it was for. */
  public record RecordOutcome(String table, String outcome) {}

  /** Where and why a record was dead-lettered. */
  public record DeadLetterCause(String stage, String reason) {}

  public int count(String outcome) {
    return outcomes.entrySet().stream().filter(e -> e.getKey().outcome().equals(outcome))
        .mapToInt(Map.Entry::getValue).sum();
  }

  public int deadLettered() {
    return deadLetters.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One line for the log: where the batch came from and what became of it, without its records. */
  public String summary() {
    return "topic=" + batch.partition().topic() + " partition=" + batch.partition().partition()
        + " firstOffset=" + batch.firstOffset() + " lastOffset=" + batch.lastOffset()
        + " records=" + batch.size() + " applied=" + count("applied")
        + " conflicts=" + count("conflict") + " notFound=" + count("not_found")
        + " skipped=" + count("skipped") + " stale=" + count("stale")
        + " deadLettered=" + deadLettered()
        + " durationMs=" + duration.toMillis();
  }
}
