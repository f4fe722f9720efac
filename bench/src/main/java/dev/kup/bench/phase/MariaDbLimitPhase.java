package dev.kup.bench.phase;

import dev.kup.bench.MariaDbShape;
import dev.kup.bench.data.Verification;
import dev.kup.bench.measure.CpuBudget;
import dev.kup.bench.measure.CpuBudgetSampler;
import dev.kup.bench.measure.CpuGroup;
import dev.kup.bench.measure.WatchedProcesses;
import dev.kup.bench.method.StreamLanes;
import dev.kup.bench.method.mariadb.BatchCountProbe;
import dev.kup.bench.method.mariadb.ExplainRows;
import dev.kup.bench.method.mariadb.MariaDbLimitApplier;
import dev.kup.bench.report.MethodResult;
import dev.kup.bench.report.Ratios;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 1 on MariaDB, its limit without Kafka, measured like PostgreSQL's (the uniform stream from
 * memory, 2 connections, split by partition, each run on a freshly reset table and verified), for
 * every statement shape of {@code --db-shapes} and every group size of {@link #GROUP_SIZES}, in
 * {@code --db-rounds} rounds that alternate the order (odd rounds forward, even rounds backward).
 * One result per shape and size: rows/s over all its rounds. The fastest verified one is the DB
 * limit ({@link Ratios#DB_LIMIT}). First it asks the driver which batch options count per row and
 * checks that every statement reaches the table by its primary key.
 */
public final class MariaDbLimitPhase {

  /** Updates per transaction, as kup's batch sizes: 1,000 and its default 5,000. */
  public static final List<Integer> GROUP_SIZES = List.of(1_000, 5_000);

  static final int CONNECTIONS = 2;

  private final BenchContext context;
  private final MariaDbLimitApplier applier;

  public MariaDbLimitPhase(BenchContext context) {
    this.context = context;
    this.applier = new MariaDbLimitApplier(context.database());
  }

  public List<MethodResult> run() {
    UpdateStream stream = context.stream(KeyDistribution.UNIFORM);
    probeCounts();
    List<Variant> variants = variants();
    variants.forEach(variant -> checkPlan(stream, variant));
    StreamLanes lanes = context.timed("split stream", () -> StreamLanes.split(stream,
        CONNECTIONS));
    Map<Variant, List<Round>> rounds = new LinkedHashMap<>();
    variants.forEach(variant -> rounds.put(variant, new ArrayList<>()));
    for (int round = 1; round <= context.options().dbRounds(); round++) {
      List<Variant> order = new ArrayList<>(variants);
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      for (Variant variant : order) {
        rounds.get(variant).add(measure(variant, lanes, round));
      }
    }
    List<MethodResult> results = new ArrayList<>();
    rounds.forEach((variant, measured) -> results.add(result(variant, stream, measured)));
    return markLimit(results);
  }

  private List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (int size : GROUP_SIZES) {
      context.options().dbShapes().forEach(shape -> variants.add(new Variant(shape, size)));
    }
    return variants;
  }

  private void probeCounts() {
    try {
      Map<String, BatchCountProbe.Answer> answers =
          context.timed("probe batch counts", () -> new BatchCountProbe(context.database()).run());
      StringBuilder note = new StringBuilder("Connector/J ")
          .append(answers.values().iterator().next().driverVersion())
          .append(" JDBC batch update counts (4 version-checked updates, rows 1 and 3 apply):");
      answers.forEach((options, answer) -> note.append(' ').append(options).append(' ')
          .append(answer.describe()).append(';'));
      context.note(note.substring(0, note.length() - 1));
    } catch (RuntimeException e) {
      context.note("batch count probe failed: " + e);
    }
  }

  private void checkPlan(UpdateStream stream, Variant variant) {
    try {
      List<Map<String, String>> plan = context.timed("explain",
          () -> applier.explain(stream, variant.shape(), variant.groupSize()));
      boolean byKey = ExplainRows.looksUpRowsByPrimaryKey(plan);
      context.note("MariaDB plan, " + variant.id() + ": " + (byKey ? "primary-key lookups"
          : "NOT primary-key lookups, numbers are suspect") + " (" + ExplainRows.describe(plan)
          + ")");
    } catch (RuntimeException e) {
      context.note("MariaDB plan, " + variant.id() + ": EXPLAIN failed: " + e);
    }
  }

  private Round measure(Variant variant, StreamLanes lanes, int round) {
    String step = variant.id() + " round " + round;
    try {
      context.timed("reset table", () -> { context.dataset().reset(); return null; });
      MariaDbLimitApplier.Applied applied;
      CpuBudget budget;
      try (CpuBudgetSampler sampler = CpuBudgetSampler.start(WatchedProcesses.database(
          CpuGroup.MARIADB, ProcessHandle.current().pid()), context.proc())) {
        applied = context.timed(step, () -> applier.apply(lanes, variant.shape(),
            variant.groupSize()));
        budget = sampler.stop().budget(lanes.stream().size());
      }
      Verification verification = context.verify(lanes.stream());
      context.log(String.format("%s: %,d updates in %.2f s (%,.0f/s), %,d statements, %s"
              + " reported applied; %s", step, lanes.stream().size(), applied.seconds(),
          lanes.stream().size() / applied.seconds(), applied.statements(),
          applied.updates() == null ? "none" : String.format("%,d", applied.updates()),
          verification.describe()));
      return new Round(applied, budget, verification, null);
    } catch (RuntimeException e) {
      context.log(step + " failed: " + e);
      return new Round(null, null, null, e);
    }
  }

  private MethodResult result(Variant variant, UpdateStream stream, List<Round> rounds) {
    String method = String.format("MariaDB %s, %,d rows/transaction, %d conns",
        variant.shape().description(), variant.groupSize(), CONNECTIONS);
    Round failed = rounds.stream().filter(r -> r.error() != null).findFirst().orElse(null);
    if (failed != null) {
      return MethodResult.failed(variant.id(), method, KeyDistribution.UNIFORM.label(),
          failed.error());
    }
    double seconds = rounds.stream().mapToDouble(r -> r.applied().seconds()).sum();
    long updates = (long) stream.size() * rounds.size();
    boolean verified = rounds.stream().allMatch(r -> r.verification().passed());
    CpuBudget budget = CpuBudget.sum(rounds.stream().map(Round::budget).toList());
    return new MethodResult(variant.id(), method, KeyDistribution.UNIFORM.label(), stream.size(),
        updates / seconds, CpuBudget.cpuSeconds(budget, CpuGroup.BENCH), null, verified,
        detail(rounds, stream.size()), timings(variant, rounds, stream.size(), seconds), budget);
  }

  private static String detail(List<Round> rounds, int updates) {
    List<String> parts = new ArrayList<>();
    for (int r = 0; r < rounds.size(); r++) {
      Round round = rounds.get(r);
      parts.add(String.format("round %d: %,.0f/s in %.2f s, %,d statements, %s",
          r + 1, updates / round.applied().seconds(), round.applied().seconds(),
          round.applied().statements(), round.verification().describe()));
    }
    return String.join("; ", parts);
  }

  private static Map<String, Number> timings(Variant variant, List<Round> rounds, int updates,
      double seconds) {
    Map<String, Number> timings = new LinkedHashMap<>();
    timings.put("seconds", seconds);
    timings.put("connections", CONNECTIONS);
    timings.put("groupSize", variant.groupSize());
    timings.put("rounds", rounds.size());
    for (int r = 0; r < rounds.size(); r++) {
      MariaDbLimitApplier.Applied applied = rounds.get(r).applied();
      timings.put("round" + (r + 1) + "RowsPerSecond", updates / applied.seconds());
      timings.put("round" + (r + 1) + "Statements", applied.statements());
      timings.put("round" + (r + 1) + "ReportedApplied", applied.updates());
    }
    return timings;
  }

  /** The results, the fastest verified one renamed the DB limit. */
  private static List<MethodResult> markLimit(List<MethodResult> results) {
    MethodResult fastest = results.stream().filter(r -> r.rowsPerSecond() != null)
        .max(Comparator.comparingDouble(MethodResult::rowsPerSecond)).orElse(null);
    return results.stream().map(r -> r != fastest ? r : new MethodResult(Ratios.DB_LIMIT,
        "DB limit = " + r.method(), r.keys(), r.updates(), r.measuredRowsPerSecond(),
        r.cpuSeconds(), r.peakRssMib(), r.verified(), r.id() + ", the fastest shape: "
        + r.detail(), r.timings(), r.cpuBudget())).toList();
  }

  /** A shape at a group size: one result. */
  private record Variant(MariaDbShape shape, int groupSize) {
    String id() {
      return "mariadb-" + shape.label() + "-" + groupSize;
    }
  }

  /** One measured run of a variant; {@code error} set, and the rest null, when it failed. */
  private record Round(MariaDbLimitApplier.Applied applied, CpuBudget budget,
      Verification verification, RuntimeException error) {}
}
