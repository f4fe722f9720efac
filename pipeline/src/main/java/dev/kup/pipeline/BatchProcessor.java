package dev.kup.pipeline;

import dev.kup.pipeline.apply.BatchApplier;
import dev.kup.pipeline.apply.RowOutcome;
import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.batch.MicroBatch;
import dev.kup.pipeline.commit.BatchClaim;
import dev.kup.pipeline.commit.BatchOutcome;
import dev.kup.pipeline.commit.CommitSequence;
import dev.kup.pipeline.commit.CommittedOffset;
import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.log.EngineEvent;
import dev.kup.pipeline.metrics.PipelineMetrics;
import dev.kup.pipeline.deadletter.DeadLetter;
import dev.kup.pipeline.deadletter.RecordRejectedException;
import dev.kup.pipeline.trace.TraceIds;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecordParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes one micro-batch through decode → validate → apply → dead-letter → commit, under a fresh
 * trace id. Records that fail before the database are dead-lettered with the rows the database
 * refused, in the same acknowledged send, before the transaction commits. Called from one thread
 * at a time per partition.
 *
 * <p>Decoding happens here, on the worker, not in the Kafka consumer's deserializer: the poll
 * thread is one thread for every partition, and parsing JSON there made it the bottleneck of a
 * backlog drain while the workers waited.
 */
public final class BatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

  private final UpdateRecordParser parser = new UpdateRecordParser();
  private final RecordValidator validator;
  private final BatchApplier applier;
  private final CommitSequence commits;
  private final PipelineMetrics metrics;
  private final Clock clock;

  /** @param applier how validated rows are applied: the composition root's applier chain */
  public BatchProcessor(RecordValidator validator, BatchApplier applier,
      CommitSequence commits, PipelineMetrics metrics, Clock clock) {
    this.validator = validator;
    this.applier = applier;
    this.commits = commits;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Processes and commits the batch, or throws with nothing committed. */
  public BatchOutcome.Committed process(BatchClaim claim) {
    MicroBatch batch = claim.batch();
    String traceId = TraceIds.newTraceId();
    Instant start = clock.instant();
    try (MDC.MDCCloseable ignored = MDC.putCloseable(TraceIds.MDC_KEY, traceId)) {
      Triage triage = triage(batch, traceId);
      Tally tally = new Tally();
      CommittedOffset offset;
      try {
        offset = commits.commit(claim, tx -> applyAndCollect(tx, triage, traceId, tally));
      } catch (RuntimeException e) {
        metrics.batchAttempt(Duration.between(start, clock.instant()), false);
        throw e;
      }
      Instant committedAt = clock.instant();
      BatchReport report = tally.report(batch, traceId, Duration.between(start, committedAt), committedAt);
      metrics.batchAttempt(report.duration(), true);
      metrics.batchCommitted(report);
      LOG.debug(EngineEvent.BATCH_COMMITTED.marker(), "batch committed: {}", report.summary());
      return new BatchOutcome.Committed(report, offset);
    }
  }

  /** Splits the batch into changes to apply and records already known to be dead letters. */
  private Triage triage(MicroBatch batch, String traceId) {
    Triage triage = new Triage();
    for (ConsumerRecord<byte[], byte[]> record : batch.records()) {
      DecodedUpdate value = parser.parse(record.value());
      if (value instanceof DecodedUpdate.Invalid invalid) {
        triage.reject(letter(record, invalid.raw(), DeadLetterStage.DESERIALIZE,
            invalid.reason(), invalid.message(), traceId), BatchReport.NO_TABLE);
      } else if (value instanceof DecodedUpdate.Valid valid) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Validation verdict = validator.validate(valid.record(), key);
        if (verdict instanceof Validation.Accepted accepted) {
          triage.changes.add(accepted.change());
          triage.sources.add(record);
        } else if (verdict instanceof Validation.Refused refused) {
          // an unknown table is not a tag value: tags stay within the allow-list
          String table = refused.reason() == DeadLetterReason.UNKNOWN_TABLE
              ? BatchReport.NO_TABLE : valid.record().table();
          triage.reject(letter(record, valid.raw(), DeadLetterStage.VALIDATE,
              refused.reason(), refused.message(), traceId), table);
        } else if (verdict instanceof Validation.NeverMatches never) {
          String table = never.table().name();
          if (never.table().conflictPolicy() == ConflictPolicy.SKIP) {
            triage.decided(table, "skipped");
          } else {
            triage.reject(letter(record, valid.raw(), DeadLetterStage.CONFLICT,
                DeadLetterReason.VERSION_CONFLICT, never.message(), traceId), table, "conflict");
          }
        }
      }
    }
    return triage;
  }

  private List<DeadLetter> applyAndCollect(
      DSLContext tx, Triage triage, String traceId, Tally tally) {
    tally.reset(triage.decidedOutcomes);
    List<DeadLetter> letters = new ArrayList<>(triage.rejected);
    List<RowOutcome> outcomes = applier.apply(tx, triage.changes);
    for (int i = 0; i < outcomes.size(); i++) {
      RowChange change = triage.changes.get(i);
      ConsumerRecord<byte[], byte[]> source = triage.sources.get(i);
      DeadLetter letter = outcomeLetter(outcomes.get(i), change, source, traceId, tally);
      if (letter != null) {
        letters.add(letter);
      }
    }
    letters.sort((a, b) -> Long.compare(a.source().offset(), b.source().offset()));
    letters.forEach(tally::deadLetter);
    return letters;
  }

  /** Counts the outcome and returns its dead letter, or null when it needs none. */
  private DeadLetter outcomeLetter(RowOutcome outcome, RowChange change,
      ConsumerRecord<byte[], byte[]> source, String traceId, Tally tally) {
    byte[] raw = source.value();
    String table = change.table().name();
    boolean skip = change.table().conflictPolicy() == ConflictPolicy.SKIP;
    if (outcome instanceof RowOutcome.Applied) {
      tally.outcome(table, "applied");
      return null;
    }
    if (outcome instanceof RowOutcome.Conflict c) {
      tally.outcome(table, skip ? "skipped" : "conflict");
      return skip ? null : letter(source, raw, DeadLetterStage.CONFLICT,
          DeadLetterReason.VERSION_CONFLICT, "expected version " + c.expectedVersion() + " of "
              + describe(change) + " but it is at version " + c.actualVersion(), traceId);
    }
    if (outcome instanceof RowOutcome.Stale stale) {
      tally.outcome(table, "stale");
      LOG.debug(EngineEvent.STALE_CHANGE.marker(), "{} version {} is not newer than the row's",
          describe(change), stale.version());
      return null;
    }
    if (outcome instanceof RowOutcome.NotFound) {
      tally.outcome(table, skip ? "skipped" : "not_found");
      return skip ? null : letter(source, raw, DeadLetterStage.CONFLICT,
          DeadLetterReason.NOT_FOUND, describe(change) + " does not exist", traceId);
    }
    RowOutcome.Rejected r = (RowOutcome.Rejected) outcome;
    tally.outcome(table, "dead_lettered");
    return new DeadLetter(source, raw, DeadLetterStage.APPLY, r.reason(), r.cause(),
        r.sqlState(), traceId, clock.instant());
  }

  private static String describe(RowChange change) {
    return "row " + change.table().name() + change.key().stream()
        .map(v -> v.column().name() + "=" + v.value()).toList();
  }

  private DeadLetter letter(ConsumerRecord<byte[], byte[]> record, byte[] raw,
      DeadLetterStage stage, DeadLetterReason reason, String message, String traceId) {
    return new DeadLetter(record, raw, stage, reason, new RecordRejectedException(reason, message),
        null, traceId, clock.instant());
  }

  /** A batch split by what happened before the database. */
  private static final class Triage {
    final List<RowChange> changes = new ArrayList<>();
    final List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>();
    final List<DeadLetter> rejected = new ArrayList<>();
    /** The outcome of each record decided before the database, by table. */
    final List<BatchReport.RecordOutcome> decidedOutcomes = new ArrayList<>();

    void reject(DeadLetter letter, String table) {
      reject(letter, table, "dead_lettered");
    }

    void reject(DeadLetter letter, String table, String outcome) {
      rejected.add(letter);
      decided(table, outcome);
    }

    void decided(String table, String outcome) {
      decidedOutcomes.add(new BatchReport.RecordOutcome(table, outcome));
    }
  }

  /**
   * Outcome counts of the latest transaction attempt. Counted once per record, so consecutive
   * records of one table and outcome, the usual run, add to the same counter without a lookup.
   */
  private static final class Tally {
    final Map<BatchReport.RecordOutcome, int[]> outcomes = new HashMap<>();
    final Map<BatchReport.DeadLetterCause, Integer> deadLetters = new HashMap<>();
    private String lastTable;
    private String lastOutcome;
    private int[] lastCount;

    void reset(List<BatchReport.RecordOutcome> decided) {
      outcomes.clear();
      deadLetters.clear();
      lastCount = null;
      decided.forEach(d -> outcome(d.table(), d.outcome()));
    }

    void outcome(String table, String outcome) {
      if (lastCount == null || !table.equals(lastTable) || !outcome.equals(lastOutcome)) {
        lastTable = table;
        lastOutcome = outcome;
        lastCount = outcomes.computeIfAbsent(
            new BatchReport.RecordOutcome(table, outcome), k -> new int[1]);
      }
      lastCount[0]++;
    }

    void deadLetter(DeadLetter letter) {
      deadLetters.merge(new BatchReport.DeadLetterCause(
          letter.stage().wireName(), letter.reason().code()), 1, Integer::sum);
    }

    BatchReport report(MicroBatch batch, String traceId, Duration duration, Instant committedAt) {
      Map<BatchReport.RecordOutcome, Integer> counts = new HashMap<>();
      outcomes.forEach((key, count) -> counts.put(key, count[0]));
      return new BatchReport(batch, traceId, counts, deadLetters, duration, committedAt);
    }
  }
}
