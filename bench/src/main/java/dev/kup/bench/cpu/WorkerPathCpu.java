package dev.kup.bench.cpu;

import dev.kup.bench.BenchOptions;
import dev.kup.bench.data.BenchDatabase;
import dev.kup.bench.data.DatabaseEngine;
import dev.kup.bench.data.Dataset;
import dev.kup.localkit.stream.UpdateStream;
import dev.kup.pipeline.apply.BatchApplier;
import dev.kup.pipeline.apply.CoalescingApplier;
import dev.kup.pipeline.apply.JooqBatchApplier;
import dev.kup.pipeline.apply.RowIsolatingApplier;
import dev.kup.pipeline.apply.RowOutcome;
import dev.kup.pipeline.apply.UnnestUpdateWriter;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.DecodedUpdate;
import dev.kup.schemas.UpdateRecordParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The CPU a kup worker spends per record, without Kafka: decode and validate ("triage"), then
 * apply in batches of 1,000 with the PostgreSQL strategy kup runs by default (coalescing, row
 * isolation, unnest), each batch in a transaction that is rolled back, so every round applies the
 * same stream (each row once, in a scattered order) to the same rows. Prints, per round, the thread's CPU per record for each
 * step and the whole process's (JIT compiler and GC included). One thread on an otherwise idle
 * machine: far less noisy than a drain, which shares two cores with a broker and PostgreSQL, so it
 * tells apart changes of 10-20% in the worker's own cost. Not a test; see bench/README.md.
 *
 * <p>Usage: {@code bench/worker-cpu.sh [--kup-jar JAR] [records-per-round] [rounds]}; drops and
 * creates schema {@value BenchDatabase#SCHEMA} (1,000,000 rows) in {@code BENCH_DB_URL}.
 */
public final class WorkerPathCpu {
  private static final int ROWS = 1_000_000;
  private static final int BATCH = 1_000;
  private static final long SEED = 20261127L;
  /** A prime not dividing {@link #ROWS}: i * SCATTER mod ROWS visits every row once. */
  private static final long SCATTER = 7_919;

  private WorkerPathCpu() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    BenchOptions options = BenchOptions.parse(new String[0], System.getenv()); // BENCH_DB_* as run.sh
    BenchDatabase database = new BenchDatabase(options.dbUrl(), options.dbUser(), options.dbPassword());
    if (database.engine() != DatabaseEngine.POSTGRESQL) {
      throw new IllegalArgumentException("worker-cpu.sh measures kup's PostgreSQL strategy"
          + " (unnest): BENCH_DB_URL must be a jdbc:postgresql: URL");
    }
    new Dataset(database, ROWS).create();
    if (records > ROWS) {
      throw new IllegalArgumentException("at most " + ROWS + " records per round");
    }
    // each row once: a rolled-back batch would make a later batch's next version of its row a
    // conflict, and conflicts take another path. Rows in a scattered order, as uniform keys are.
    long[] next = {0};
    UpdateStream stream = UpdateStream.generate(Dataset.tableRows(ROWS), records,
        random -> 1 + (next[0]++ * SCATTER) % ROWS, SEED);
    byte[][] values = new byte[records][];
    String[] keys = new String[records];
    for (int i = 0; i < records; i++) {
      values[i] = stream.update(i).json();
      keys[i] = stream.update(i).kafkaKey();
    }
    try (Connection connection = database.connect()) {
      try (Statement session = connection.createStatement()) {
        session.execute("SET enable_hashjoin = off; SET enable_mergejoin = off"); // as kup's sessions
      }
      DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
      RecordValidator validator = new RecordValidator(
          JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults(Dataset.TABLE))),
          new ColumnValueConverter());
      BatchApplier applier = new CoalescingApplier(new RowIsolatingApplier(
          new JooqBatchApplier(new UnnestUpdateWriter()), new PipelineErrorClassifier()));
      UpdateRecordParser parser = new UpdateRecordParser();
      System.out.println("round | triage us/record | apply us/record | process us/record | applied");
      for (int round = 0; round < rounds; round++) {
        measureRound(round, values, keys, parser, validator, applier, dsl);
      }
    }
  }

  private static void measureRound(int round, byte[][] values, String[] keys,
      UpdateRecordParser parser, RecordValidator validator, BatchApplier applier, DSLContext dsl) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long process0 = processCpuNanos();
    long thread0 = threads.getCurrentThreadCpuTime();
    List<RowChange> changes = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      DecodedUpdate decoded = parser.parse(values[i]);
      Validation verdict = validator.validate(((DecodedUpdate.Valid) decoded).record(), keys[i]);
      changes.add(((Validation.Accepted) verdict).change());
    }
    long thread1 = threads.getCurrentThreadCpuTime();
    int applied = 0;
    for (int from = 0; from < changes.size(); from += BATCH) {
      applied += applyAndRollBack(dsl, applier, changes.subList(from, Math.min(changes.size(), from + BATCH)));
    }
    long thread2 = threads.getCurrentThreadCpuTime();
    long process2 = processCpuNanos();
    if (applied != values.length) {
      // every update of the stream chains on the one before it: anything else measures another path
      throw new IllegalStateException(applied + " of " + values.length + " updates applied in round " + round);
    }
    double n = values.length;
    System.out.printf("%5d | %16.2f | %15.2f | %17.2f | %d%n", round, (thread1 - thread0) / 1e3 / n,
        (thread2 - thread1) / 1e3 / n, (process2 - process0) / 1e3 / n, applied);
  }

  /** Applies the batch in a transaction that is then rolled back; returns how many applied. */
  private static int applyAndRollBack(DSLContext dsl, BatchApplier applier, List<RowChange> batch) {
    int[] applied = new int[1];
    try {
      dsl.transaction(cfg -> {
        for (RowOutcome outcome : applier.apply(DSL.using(cfg), batch)) {
          applied[0] += outcome == RowOutcome.APPLIED ? 1 : 0;
        }
        throw new RolledBack();
      });
    } catch (RolledBack expected) {
      // every round starts from the same rows
    }
    return applied[0];
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Ends a measured transaction without committing it. */
  private static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RolledBack() {
      super(null, null, false, false);
    }
  }
}
