package dev.kup.pipeline.commit;

import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.batch.MicroBatch;
import java.util.Objects;

/**
 * How a dispatched batch ended, handed from its worker back to the poll thread: every case the
 * partition must react to, decided once by the worker.
 */
public sealed interface BatchOutcome {
  MicroBatch batch();

  /** Rows and offsets committed in the database; {@code offset} may now go to Kafka. */
  record Committed(BatchReport report, CommittedOffset offset) implements BatchOutcome {
    public Committed {
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(offset, "offset");
    }

    @Override
    public MicroBatch batch() {
      return report.batch();
    }
  }

  /** Another consumer committed the partition meanwhile: re-read where it stands. */
  record Fenced(MicroBatch batch, Throwable cause) implements BatchOutcome {}

  /** The partition was given up before the batch committed: nothing to do, it rolled back. */
  record Revoked(MicroBatch batch, Throwable cause) implements BatchOutcome {}

  /** Not committed for a reason that may pass: redeliver it after the partition's backoff. */
  record Retry(MicroBatch batch, Throwable cause) implements BatchOutcome {}

  /** The configuration or the environment is broken, or the JVM is: the service stops. */
  record Fatal(MicroBatch batch, Throwable cause) implements BatchOutcome {}
}
