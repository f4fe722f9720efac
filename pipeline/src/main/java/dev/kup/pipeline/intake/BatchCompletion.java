package dev.kup.pipeline.intake;

import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.batch.MicroBatch;
import java.util.Objects;

/**
 * How a dispatched batch ended, handed from a worker back to the poll thread.
 *
 * @param batch the batch
 * @param report its report when it committed, else null
 * @param error why it did not commit, else null
 */
record BatchCompletion(MicroBatch batch, BatchReport report, Throwable error) {
  BatchCompletion {
    Objects.requireNonNull(batch, "batch");
    if ((report == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of report and error");
    }
  }

  boolean committed() {
    return report != null;
  }
}
