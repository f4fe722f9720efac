package dev.kup.pipeline.commit;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.DeadLetterSink;
import dev.kup.pipeline.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Owns the ordering invariant of a batch:
 *
 * <blockquote>offsets claimed → rows applied → dead letters acknowledged → DB transaction (rows +
 * stored offsets) committed</blockquote>
 *
 * and only the {@link CommittedOffset} that {@link #commit} returns may go to Kafka. If a step
 * fails, the later ones do not run and the exception propagates so the batch is retried from its
 * first offset.
 */
public final class CommitSequence {
  private final DSLContext dsl;
  private final DeadLetterSink deadLetters;
  private final OffsetStore offsets;
  private final String groupId;
  private final FaultPoints faults;
  private final PipelineMetrics metrics;

  public CommitSequence(
      DSLContext dsl, DeadLetterSink deadLetters, OffsetStore offsets, String groupId,
      FaultPoints faults, PipelineMetrics metrics) {
    this.dsl = dsl;
    this.deadLetters = deadLetters;
    this.offsets = offsets;
    this.groupId = groupId;
    this.faults = faults;
    this.metrics = metrics;
  }

  /**
   * Claims the batch's offsets (compare-and-set from its basis, first, so a concurrent or zombie
   * owner is fenced before any row is touched), runs {@code applyRows}, sends and awaits the dead
   * letters it returns, checks the partition is still owned, and commits.
   *
   * @return the partition's next offset, now committed in the database
   * @throws OffsetFencedException when another consumer committed the partition meanwhile
   * @throws PartitionRevokedException when the partition was revoked before the commit
   */
  public CommittedOffset commit(
      BatchClaim claim,
      Function<DSLContext, List<DeadLetter>> applyRows) {
    MicroBatch batch = claim.batch();
    long[] commitStart = new long[1];
    dsl.transaction(cfg -> {
      DSLContext tx = DSL.using(cfg);
      offsets.advance(tx, groupId, batch.partition(), claim.basisOffset(), batch.nextOffset());
      List<DeadLetter> letters = applyRows.apply(tx);
      deadLetters.send(letters);
      faults.beforeDatabaseCommit(batch);
      if (!claim.owned().getAsBoolean()) {
        throw new PartitionRevokedException(batch.partition());
      }
      commitStart[0] = System.nanoTime(); // jOOQ commits right after this lambda returns
    });
    metrics.databaseCommit(Duration.ofNanos(System.nanoTime() - commitStart[0]));
    faults.afterDatabaseCommit(batch);
    return new CommittedOffset(batch.partition(), batch.nextOffset());
  }
}
