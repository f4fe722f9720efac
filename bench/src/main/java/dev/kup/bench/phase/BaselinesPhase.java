package dev.kup.bench.phase;

import dev.kup.bench.data.Verification;
import dev.kup.bench.measure.ProcessMeter;
import dev.kup.bench.measure.ProcessUsage;
import dev.kup.bench.method.BaselineLoop;
import dev.kup.bench.method.JdbcBatchConsumer;
import dev.kup.bench.method.NaiveConsumer;
import dev.kup.bench.method.PollApplierFactory;
import dev.kup.bench.report.MethodResult;
import dev.kup.bench.report.Ratios;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import java.util.Map;

/**
 * Phase 3, plain consumers in this JVM, each with a fresh group on a freshly reset table: (a) the
 * naive per-record autocommit consumer on its own topic {@code bench-naive} holding the first
 * {@code --naive-updates} updates of the uniform stream (verified against the state that prefix
 * produces), and (b) the JDBC-batch consumer on the full {@code bench-uniform} topic.
 */
public final class BaselinesPhase {

  private final BenchContext context;

  public BaselinesPhase(BenchContext context) {
    this.context = context;
  }

  public MethodResult runNaive() {
    String method = String.format("naive consumer: UPDATE per record, autocommit (first %,d)",
        context.options().naiveUpdates());
    try {
      UpdateStream prefix =
          context.stream(KeyDistribution.UNIFORM).prefix(context.options().naiveUpdates());
      String topic = context.backlog("bench-naive", prefix);
      return measure(Ratios.NAIVE, method, topic, prefix, NaiveConsumer::new);
    } catch (RuntimeException e) {
      context.log(method + " failed: " + e);
      return MethodResult.failed(Ratios.NAIVE, method, KeyDistribution.UNIFORM.label(), e);
    }
  }

  public MethodResult runJdbcBatch() {
    String method = "JDBC-batch consumer: 1 transaction per poll";
    try {
      UpdateStream stream = context.stream(KeyDistribution.UNIFORM);
      String topic = context.backlog("bench-uniform", stream);
      return measure(Ratios.JDBC_BATCH, method, topic, stream, JdbcBatchConsumer::new);
    } catch (RuntimeException e) {
      context.log(method + " failed: " + e);
      return MethodResult.failed(Ratios.JDBC_BATCH, method, KeyDistribution.UNIFORM.label(), e);
    }
  }

  private MethodResult measure(String id, String method, String topic, UpdateStream stream,
      PollApplierFactory applier) {
    context.timed("reset table", () -> { context.dataset().reset(); return null; });
    ProcessMeter self = ProcessMeter.start(ProcessHandle.current().pid(), context.proc());
    BaselineLoop.Consumed consumed = context.timed(method, () -> new BaselineLoop(context.bootstrapServers())
        .run(topic, context.freshGroup(id), stream.size(), applier.open(context.database())));
    ProcessUsage usage = self.stop().cpuOnly();
    Verification verification = context.verify(stream);
    String detail = String.format("%,d records, %,d applied, %.2f s from first poll to last"
        + " commit; %s", consumed.records(), consumed.applied(), consumed.seconds(),
        verification.describe());
    context.log(method + ": " + detail);
    return new MethodResult(id, method, KeyDistribution.UNIFORM.label(), consumed.records(),
        consumed.perSecond(), usage.cpuSeconds(), null, verification.passed(), detail,
        Map.of("seconds", consumed.seconds(), "applied", consumed.applied()), null);
  }
}
