package dev.kup.consumer.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The consumer's liveness and readiness, computed from cheap signals; the database probe runs on its own thread
 * every {@link #PROBE_INTERVAL_MS} ms so that an endpoint call never waits on a dead database.
 * Thread-safe.
 */
public final class HealthChecks implements Health, AutoCloseable {
  static final long PROBE_INTERVAL_MS = 1_000;

  private final BooleanSupplier loopAlive;
  private final BooleanSupplier joinedGroup;
  private final Supplier<String> breakerState;
  private final Supplier<Map<String, String>> partitionProblems;
  private final Runnable databaseProbe;
  private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kup-health-probe");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean databaseUp;
  private volatile String databaseError = "not probed yet";

  /**
   * @param partitionProblems partition → why it cannot make progress (refused, stuck); read on
   *     the endpoint's thread, so it must be thread-safe
   */
  public HealthChecks(BooleanSupplier loopAlive, BooleanSupplier joinedGroup,
      Supplier<String> breakerState, Supplier<Map<String, String>> partitionProblems,
      Runnable databaseProbe) {
    this.loopAlive = loopAlive;
    this.joinedGroup = joinedGroup;
    this.breakerState = breakerState;
    this.partitionProblems = partitionProblems;
    this.databaseProbe = databaseProbe;
  }

  public void start() {
    prober.scheduleWithFixedDelay(this::probe, 0, PROBE_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  private void probe() {
    try {
      databaseProbe.run();
      databaseUp = true;
      databaseError = null;
    } catch (RuntimeException e) {
      databaseUp = false;
      databaseError = e.getMessage();
    }
  }

  @Override
  public boolean live() {
    return loopAlive.getAsBoolean();
  }

  @Override
  public Map<String, String> readiness() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("loop", live() ? null : "the poll loop is not running");
    checks.put("group", joinedGroup.getAsBoolean() ? null : "not joined the consumer group yet");
    checks.put("database", databaseUp ? null : "database unreachable: " + databaseError);
    checks.put("breaker", breakerProblem(breakerState.get()));
    checks.put("partitions", partitionsProblem(partitionProblems.get()));
    return checks;
  }

  /** Every partition that cannot make progress, named with its reason; null when none. */
  static String partitionsProblem(Map<String, String> problems) {
    return problems.isEmpty() ? null : problems.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
  }

  /**
   * Half-open counts as not ready too: against a dead database the half-open probe waits out the
   * pool's connection timeout, so the breaker spends most of an outage half-open, not open.
   */
  static String breakerProblem(String state) {
    return switch (state) {
      case "CLOSED" -> null;
      case "HALF_OPEN" -> "circuit breaker is half-open: probing the database";
      default -> "circuit breaker is open";
    };
  }

  @Override
  public void close() {
    prober.shutdownNow();
  }
}
