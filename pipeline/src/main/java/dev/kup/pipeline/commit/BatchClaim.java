package dev.kup.pipeline.commit;

import dev.kup.pipeline.batch.MicroBatch;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A batch with the ownership facts its commit is conditional on.
 *
 * @param batch the records
 * @param basisOffset the partition's stored next offset this batch continues from, or null when
 *     none is stored yet; the commit succeeds only if the store still holds it
 * @param owned whether this consumer still owns the partition; checked just before the commit
 */
public record BatchClaim(MicroBatch batch, Long basisOffset, BooleanSupplier owned) {
  public BatchClaim {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(owned, "owned");
  }
}
