package dev.kup.pipeline.metrics;

import dev.kup.pipeline.batch.BatchReport;
import dev.kup.pipeline.failure.BreakerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Registers every {@link KupMeter} in a Micrometer registry, with explicit histogram buckets, and
 * records what the engine reports. Thread-safe.
 */
public final class MicrometerPipelineMetrics implements PipelineMetrics {
  /**
   * Buckets from 1 ms to 30 s, for batch and commit durations and end-to-end latency; 75 and 150
   * ms split the range where a batch's linger (50 ms by default) puts the end-to-end tail, so a
   * p99 estimated from the buckets is not smeared over 50–100 or 100–250 ms.
   */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100),
    Duration.ofMillis(150), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
    Duration.ofSeconds(10), Duration.ofSeconds(30)
  };
  static final double[] BATCH_SIZE_BUCKETS = {1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000};

  private final MeterRegistry registry;
  private final Counter batches;
  private final Counter failedBatches;
  private final Timer batchDuration;
  private final DistributionSummary batchSize;
  private final Timer endToEnd;
  private final Timer databaseCommit;
  private final Timer kafkaCommit;
  private final Counter retries;
  private final Map<TopicPartition, Meter> partitionGauges = new ConcurrentHashMap<>();

  public MicrometerPipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batches = counter(KupMeter.BATCH_UPDATE, Tags.empty());
    this.failedBatches = counter(KupMeter.BATCH_UPDATE_FAILED, Tags.empty());
    this.batchDuration = timer(KupMeter.BATCH_UPDATE_DURATION);
    this.batchSize = DistributionSummary.builder(KupMeter.BATCH_SIZE.meterName())
        .description(KupMeter.BATCH_SIZE.description())
        .baseUnit("records")
        .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
        .register(registry);
    this.endToEnd = timer(KupMeter.END_TO_END_LATENCY);
    this.databaseCommit = timer(KupMeter.DB_COMMIT_DURATION);
    this.kafkaCommit = timer(KupMeter.KAFKA_COMMIT_DURATION);
    this.retries = counter(KupMeter.RETRIES, Tags.empty());
    for (String kind : new String[] {"assigned", "revoked", "lost"}) {
      counter(KupMeter.REBALANCES, Tags.of("kind", kind));
    }
  }

  /** Registers a gauge of the catalog, e.g. the breaker state, read from {@code source}. */
  public <T> void gauge(KupMeter meter, T source, ToDoubleFunction<T> value) {
    Gauge.builder(meter.meterName(), source, value)
        .description(meter.description())
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers the breaker's state twice under one name: {@link KupMeter#CIRCUIT_BREAKER_STATE}, the
   * unlabelled code the existing queries read, and {@link KupMeter#CIRCUIT_BREAKER_STATES}, one
   * series per {@code state} label, as Prometheus' naming guide asks of an enumeration and as the
   * public contract names it ({@code kup_circuit_breaker_state{state="open"} 1}). A query over the
   * code selects it with {@code {state=""}}, since the per-state series share its name.
   */
  public void breakerState(Supplier<BreakerState> state) {
    gauge(KupMeter.CIRCUIT_BREAKER_STATE, state, s -> s.get().code());
    KupMeter states = KupMeter.CIRCUIT_BREAKER_STATES;
    for (BreakerState each : BreakerState.values()) {
      Gauge.builder(states.meterName(), state, s -> s.get() == each ? 1 : 0)
          .description(states.description())
          .tags("state", each.label())
          .strongReference(true)
          .register(registry);
    }
  }

  @Override
  public void batchAttempt(Duration duration, boolean committed) {
    batches.increment();
    if (!committed) {
      failedBatches.increment();
    }
    batchDuration.record(duration);
  }

  @Override
  public void batchCommitted(BatchReport report) {
    report.outcomes().forEach((key, count) -> counter(KupMeter.RECORDS,
        Tags.of("table", key.table(), "outcome", key.outcome())).increment(count));
    report.deadLetters().forEach((key, count) -> counter(KupMeter.DEAD_LETTERS,
        Tags.of("stage", key.stage(), "reason", key.reason())).increment(count));
    batchSize.record(report.batch().size());
    Instant committed = report.committedAt();
    for (ConsumerRecord<byte[], ?> record : report.batch().records()) {
      long millis = committed.toEpochMilli() - record.timestamp();
      if (record.timestamp() > 0 && millis >= 0) {
        endToEnd.record(millis, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void databaseCommit(Duration duration) {
    databaseCommit.record(duration);
  }

  @Override
  public void kafkaCommit(Duration duration) {
    kafkaCommit.record(duration);
  }

  @Override
  public void retried() {
    retries.increment();
  }

  @Override
  public void rebalance(String kind) {
    counter(KupMeter.REBALANCES, Tags.of("kind", kind)).increment();
  }

  @Override
  public void trackPartition(TopicPartition partition, Supplier<Duration> age) {
    skippedOffsets(partition); // from 0, so an alert's increase() sees the first skip
    partitionGauges.computeIfAbsent(partition, tp -> Gauge.builder(
            KupMeter.OLDEST_UNCOMMITTED_RECORD_AGE.meterName(), age, a -> a.get().toMillis() / 1000.0)
        .description(KupMeter.OLDEST_UNCOMMITTED_RECORD_AGE.description())
        .baseUnit("seconds")
        .tags("topic", tp.topic(), "partition", Integer.toString(tp.partition()))
        .strongReference(true)
        .register(registry));
  }

  @Override
  public void offsetResetSkipped(TopicPartition partition, long offsets) {
    skippedOffsets(partition).increment(offsets);
  }

  /** Kept when the partition goes: a counter that vanished would read as a reset to Prometheus. */
  private Counter skippedOffsets(TopicPartition tp) {
    return counter(KupMeter.OFFSET_RESET_SKIPPED_RECORDS,
        Tags.of("topic", tp.topic(), "partition", Integer.toString(tp.partition())));
  }

  @Override
  public void untrackPartition(TopicPartition partition) {
    Meter gauge = partitionGauges.remove(partition);
    if (gauge != null) {
      registry.remove(gauge);
    }
  }

  private Counter counter(KupMeter meter, Tags tags) {
    return Counter.builder(meter.meterName()).description(meter.description()).tags(tags)
        .register(registry);
  }

  private Timer timer(KupMeter meter) {
    return Timer.builder(meter.meterName())
        .description(meter.description())
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
  }
}
