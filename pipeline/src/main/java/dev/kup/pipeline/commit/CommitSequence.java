package dev.kup.pipeline.commit;

import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.DeadLetterSink;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the ordering invariant of a batch:
 *
 * <blockquote>dead letters acknowledged → DB transaction (rows + stored offsets) committed → Kafka
 * offsets committed</blockquote>
 *
 * If a step fails, the later ones do not run and the exception propagates so the batch is retried
 * from its first offset. A failed Kafka commit after a DB commit is only logged: the stored offset
 * already decides where the partition resumes.
 */
public final class CommitSequence {
  private static final Logger LOG = LoggerFactory.getLogger(CommitSequence.class);

  private final DSLContext dsl;
  private final DeadLetterSink deadLetters;
  private final OffsetStore offsets;
  private final String groupId;
  private final FaultPoints faults;

  public CommitSequence(
      DSLContext dsl, DeadLetterSink deadLetters, OffsetStore offsets, String groupId,
      FaultPoints faults) {
    this.dsl = dsl;
    this.deadLetters = deadLetters;
    this.offsets = offsets;
    this.groupId = groupId;
    this.faults = faults;
  }

  /**
   * Runs {@code applyRows} in a new transaction; it returns the dead letters the batch produced
   * (besides those already known), which are sent and acknowledged before the transaction, with
   * the batch's next offset, commits.
   */
  public void commit(
      MicroBatch batch,
      Function<DSLContext, List<DeadLetter>> applyRows,
      KafkaOffsetCommitter kafka) {
    dsl.transaction(cfg -> {
      DSLContext tx = DSL.using(cfg);
      List<DeadLetter> letters = applyRows.apply(tx);
      deadLetters.send(letters);
      offsets.save(tx, groupId, batch.partition(), batch.nextOffset());
    });
    faults.afterDatabaseCommit(batch);
    try {
      kafka.commit(batch.partition(), batch.nextOffset());
    } catch (RuntimeException e) {
      LOG.warn("event.code=KAFKA_COMMIT_FAILED partition={} nextOffset={}: {}; the database holds"
          + " the committed offset", batch.partition(), batch.nextOffset(), e.toString());
    }
  }
}
