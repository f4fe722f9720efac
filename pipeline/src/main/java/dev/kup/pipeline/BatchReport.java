package dev.kup.pipeline;

import dev.kup.pipeline.batch.MicroBatch;
import java.time.Duration;

/**
 * What became of one committed batch.
 *
 * @param batch the batch
 * @param traceId its trace id
 * @param applied rows written
 * @param conflicts version conflicts (dead-lettered or skipped per table policy)
 * @param notFound missing rows (dead-lettered or skipped per table policy)
 * @param deadLettered records sent to the dead-letter topic (any stage)
 * @param skipped conflicts and missing rows skipped by policy
 * @param duration time to validate, apply and commit
 */
public record BatchReport(
    MicroBatch batch,
    String traceId,
    int applied,
    int conflicts,
    int notFound,
    int deadLettered,
    int skipped,
    Duration duration) {

  /** One line for the log: where the batch came from and what became of it, without its records. */
  public String summary() {
    return "topic=" + batch.partition().topic() + " partition=" + batch.partition().partition()
        + " firstOffset=" + batch.firstOffset() + " lastOffset=" + batch.lastOffset()
        + " records=" + batch.size() + " applied=" + applied + " conflicts=" + conflicts
        + " notFound=" + notFound + " deadLettered=" + deadLettered + " skipped=" + skipped
        + " durationMs=" + duration.toMillis();
  }
}
