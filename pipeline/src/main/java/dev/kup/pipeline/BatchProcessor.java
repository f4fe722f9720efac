package dev.kup.pipeline;

import dev.kup.pipeline.apply.BatchApplier;
import dev.kup.pipeline.apply.RowOutcome;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.CommitSequence;
import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.pipeline.trace.TraceIds;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import dev.kup.schemas.DecodedUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes one micro-batch through decode check → validate → apply → dead-letter → commit, under a
 * fresh trace id. Records that fail before the database are dead-lettered with the rows the
 * database refused, in the same acknowledged send, before the transaction commits. Called from one
 * thread at a time per partition.
 */
public final class BatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final RecordValidator validator;
  private final BatchApplier applier;
  private final BatchApplier isolatingApplier;
  private final CommitSequence commits;
  private final Clock clock;

  /**
   * @param applier the normal apply strategy (isolating poison rows)
   * @param isolatingApplier the strategy for a batch that keeps failing with an unclassified error
   *     while the database is healthy: it also isolates rows failing for unknown reasons
   */
  public BatchProcessor(RecordValidator validator, BatchApplier applier,
      BatchApplier isolatingApplier, CommitSequence commits, Clock clock) {
    this.validator = validator;
    this.applier = applier;
    this.isolatingApplier = isolatingApplier;
    this.commits = commits;
    this.clock = clock;
  }

  /**
   * Processes and commits the batch, or throws with nothing committed.
   *
   * @param isolateUnclassified whether rows failing for unclassified reasons are isolated and
   *     dead-lettered ({@code APPLY_FAILED}) instead of failing the batch
   */
  public BatchReport process(BatchClaim claim, boolean isolateUnclassified) {
    MicroBatch batch = claim.batch();
    String traceId = TraceIds.newTraceId();
    Instant start = clock.instant();
    BatchApplier strategy = isolateUnclassified ? isolatingApplier : applier;
    try (MDC.MDCCloseable ignored = MDC.putCloseable(TraceIds.MDC_KEY, traceId)) {
      Triage triage = triage(batch, traceId);
      Tally tally = new Tally();
      commits.commit(claim, tx -> applyAndCollect(tx, strategy, triage, traceId, tally));
      BatchReport report = tally.report(batch, traceId, Duration.between(start, clock.instant()));
      LOG.debug("event.code=BATCH_COMMITTED {}", report.summary());
      return report;
    }
  }

  /** Splits the batch into changes to apply and records already known to be dead letters. */
  private Triage triage(MicroBatch batch, String traceId) {
    Triage triage = new Triage();
    for (ConsumerRecord<byte[], DecodedUpdate> record : batch.records()) {
      DecodedUpdate value = record.value();
      if (value == null) {
        triage.rejected.add(letter(record, null, DeadLetterStage.DESERIALIZE,
            DeadLetterReason.MALFORMED_JSON, "record has no value (tombstone)", traceId));
      } else if (value instanceof DecodedUpdate.Invalid invalid) {
        triage.rejected.add(letter(record, invalid.raw(), DeadLetterStage.DESERIALIZE,
            invalid.reason(), invalid.message(), traceId));
      } else if (value instanceof DecodedUpdate.Valid valid) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Validation verdict = validator.validate(valid.record(), key);
        if (verdict instanceof Validation.Accepted accepted) {
          triage.changes.add(accepted.change());
          triage.sources.add(record);
        } else if (verdict instanceof Validation.Refused refused) {
          triage.rejected.add(letter(record, valid.raw(), DeadLetterStage.VALIDATE,
              refused.reason(), refused.message(), traceId));
        }
      }
    }
    return triage;
  }

  private List<DeadLetter> applyAndCollect(
      DSLContext tx, BatchApplier strategy, Triage triage, String traceId, Tally tally) {
    tally.reset(triage.rejected.size());
    List<DeadLetter> letters = new ArrayList<>(triage.rejected);
    List<RowOutcome> outcomes = strategy.apply(tx, triage.changes);
    for (int i = 0; i < outcomes.size(); i++) {
      RowChange change = triage.changes.get(i);
      ConsumerRecord<byte[], DecodedUpdate> source = triage.sources.get(i);
      DeadLetter letter = outcomeLetter(outcomes.get(i), change, source, traceId, tally);
      if (letter != null) {
        letters.add(letter);
      }
    }
    letters.sort((a, b) -> Long.compare(a.source().offset(), b.source().offset()));
    tally.deadLettered = letters.size();
    return letters;
  }

  /** Counts the outcome and returns its dead letter, or null when it needs none. */
  private DeadLetter outcomeLetter(RowOutcome outcome, RowChange change,
      ConsumerRecord<byte[], DecodedUpdate> source, String traceId, Tally tally) {
    byte[] raw = source.value().raw();
    boolean skip = change.table().conflictPolicy() == ConflictPolicy.SKIP;
    if (outcome instanceof RowOutcome.Applied) {
      tally.applied++;
      return null;
    }
    if (outcome instanceof RowOutcome.Conflict c) {
      tally.conflicts++;
      tally.skipped += skip ? 1 : 0;
      return skip ? null : letter(source, raw, DeadLetterStage.CONFLICT,
          DeadLetterReason.VERSION_CONFLICT, "expected version " + c.expectedVersion() + " of "
              + describe(change) + " but it is at version " + c.actualVersion(), traceId);
    }
    if (outcome instanceof RowOutcome.NotFound) {
      tally.notFound++;
      tally.skipped += skip ? 1 : 0;
      return skip ? null : letter(source, raw, DeadLetterStage.CONFLICT,
          DeadLetterReason.NOT_FOUND, describe(change) + " does not exist", traceId);
    }
    RowOutcome.Rejected r = (RowOutcome.Rejected) outcome;
    return new DeadLetter(source, raw, DeadLetterStage.APPLY, r.reason(), r.cause(),
        r.sqlState(), traceId, clock.instant());
  }

  private static String describe(RowChange change) {
    return "row " + change.table().name() + change.key().stream()
        .map(v -> v.column().name() + "=" + v.value()).toList();
  }

  private DeadLetter letter(ConsumerRecord<byte[], DecodedUpdate> record, byte[] raw,
      DeadLetterStage stage, DeadLetterReason reason, String message, String traceId) {
    return new DeadLetter(record, raw, stage, reason, new RecordRejectedException(reason, message),
        null, traceId, clock.instant());
  }

  /** A batch split by what happened before the database. */
  private static final class Triage {
    final List<RowChange> changes = new ArrayList<>();
    final List<ConsumerRecord<byte[], DecodedUpdate>> sources = new ArrayList<>();
    final List<DeadLetter> rejected = new ArrayList<>();
  }

  /** Outcome counts of the latest transaction attempt. */
  private static final class Tally {
    int applied;
    int conflicts;
    int notFound;
    int deadLettered;
    int skipped;

    void reset(int deadLettered) {
      applied = 0;
      conflicts = 0;
      notFound = 0;
      skipped = 0;
      this.deadLettered = deadLettered;
    }

    BatchReport report(MicroBatch batch, String traceId, Duration duration) {
      return new BatchReport(
          batch, traceId, applied, conflicts, notFound, deadLettered, skipped, duration);
    }
  }
}
