package dev.kup.bench.phase;

import dev.kup.bench.data.Verification;
import dev.kup.bench.measure.CpuBudget;
import dev.kup.bench.measure.CpuBudgetSampler;
import dev.kup.bench.measure.CpuGroup;
import dev.kup.bench.measure.WatchedProcesses;
import dev.kup.bench.method.DirectUnnestApplier;
import dev.kup.bench.method.StreamLanes;
import dev.kup.bench.report.MethodResult;
import dev.kup.bench.report.Ratios;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Phase 1, the database's limit without Kafka: the uniform stream applied from memory by {@link
 * DirectUnnestApplier} on 2 connections (the limit) and on 1 (for reference), each on a freshly
 * reset table and verified. rows/s = updates ÷ wall time.
 */
public final class DbLimitPhase {

  private final BenchContext context;

  public DbLimitPhase(BenchContext context) {
    this.context = context;
  }

  public List<MethodResult> run() {
    List<MethodResult> results = new ArrayList<>();
    results.add(measure(Ratios.DB_LIMIT, 2));
    results.add(measure(Ratios.DB_ONE_CONNECTION, 1));
    return results;
  }

  private MethodResult measure(String id, int connections) {
    String method = "DB limit: unnest UPDATE, " + connections + " conn"
        + (connections == 1 ? " (reference)" : "s");
    try {
      UpdateStream stream = context.stream(KeyDistribution.UNIFORM);
      DirectUnnestApplier applier = new DirectUnnestApplier(context.database());
      context.timed("reset table", () -> { context.dataset().reset(); return null; });
      if (connections == 2) {
        checkPlan(applier, stream);
      }
      Watched run = applyWatched(method, applier, stream, connections);
      DirectUnnestApplier.Applied applied = run.applied();
      Verification verification = context.verify(stream);
      context.log(String.format("%s: %,d updates applied in %.2f s; %s", method,
          applied.updates(), applied.seconds(), verification.describe()));
      return new MethodResult(id, method, KeyDistribution.UNIFORM.label(), stream.size(),
          stream.size() / applied.seconds(), CpuBudget.cpuSeconds(run.budget(), CpuGroup.BENCH),
          null, verification.passed(),
          String.format("%,d of %,d updates applied in %.2f s; %s", applied.updates(),
              stream.size(), applied.seconds(), verification.describe()),
          Map.of("seconds", applied.seconds(), "applied", applied.updates(),
              "connections", connections), run.budget());
    } catch (RuntimeException e) {
      context.log(method + " failed: " + e);
      return MethodResult.failed(id, method, KeyDistribution.UNIFORM.label(), e);
    }
  }

  /** Applies the stream while sampling CPU: the window is the timed apply, the split left out. */
  private Watched applyWatched(String method, DirectUnnestApplier applier, UpdateStream stream,
      int connections) {
    StreamLanes lanes = applier.split(stream, connections);
    try (CpuBudgetSampler sampler = CpuBudgetSampler.start(WatchedProcesses.database(
        CpuGroup.POSTGRES, ProcessHandle.current().pid()), context.proc())) {
      DirectUnnestApplier.Applied applied = context.timed(method, () -> applier.apply(lanes));
      return new Watched(applied, sampler.stop().budget(applied.updates()));
    }
  }

  private void checkPlan(DirectUnnestApplier applier, UpdateStream stream) {
    String plan = context.timed("explain", () -> applier.explain(stream));
    if (context.options().verbose()) {
      context.log("plan of one batch statement (enable_hashjoin/mergejoin off):\n" + plan);
    }
    if (DirectUnnestApplier.usesIndexNestedLoop(plan)) {
      context.note("DB limit plan: nested loop over the primary key index, as intended");
    } else {
      context.note("DB limit plan is NOT an index nested loop; numbers are suspect:\n" + plan);
    }
  }

  /** An apply and the CPU budget of its window (null without {@code /proc}). */
  private record Watched(DirectUnnestApplier.Applied applied, CpuBudget budget) {}
}
