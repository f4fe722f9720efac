package dev.kup.pipeline.metrics;

import java.util.List;

/**
 * Every meter kup declares, once: its Micrometer name (Prometheus renders {@code a.b} as {@code
 * a_b}, adds {@code _total} to counters and {@code _seconds} to timers), what it means, its kind
 * and its tags. Tags are bounded: table (allow-listed names only), stage, reason, outcome, topic,
 * partition, kind, state — never a key or an offset. The names are a public contract (dashboards, alerts).
 */
public enum KupMeter {
  BATCH_UPDATE("batch.update", Kind.COUNTER, "Batches attempted (each attempt of a retried batch counts)"),
  BATCH_UPDATE_FAILED("batch.update.failed", Kind.COUNTER, "Batches whose transaction failed"),
  BATCH_UPDATE_DURATION("batch.update.duration", Kind.TIMER,
      "Time to apply and commit one batch (one attempt)"),
  RECORDS("kup.records", Kind.COUNTER,
      "Records by final outcome: applied, conflict, not_found, dead_lettered, skipped, stale",
      "table", "outcome"),
  DEAD_LETTERS("kup.dead.letters", Kind.COUNTER, "Records dead-lettered, by stage and reason",
      "stage", "reason"),
  BATCH_SIZE("kup.batch.size", Kind.SUMMARY, "Records per committed batch"),
  END_TO_END_LATENCY("kup.end.to.end.latency", Kind.TIMER,
      "Record timestamp to the DB commit of its batch"),
  DB_COMMIT_DURATION("kup.db.commit.duration", Kind.TIMER, "Duration of a batch's DB COMMIT"),
  KAFKA_COMMIT_DURATION("kup.kafka.commit.duration", Kind.TIMER,
      "Duration of an offset commit to Kafka"),
  RETRIES("kup.retries", Kind.COUNTER, "Retries of failed batch attempts"),
  // one family, two meters: the code and the series per state share the name and the help text
  CIRCUIT_BREAKER_STATE("kup.circuit.breaker.state", Kind.GAUGE,
      "Infrastructure circuit breaker: without a state label a code (0 closed, 1 half-open,"
          + " 2 open); with one, 1 for the current state and 0 for the others"),
  CIRCUIT_BREAKER_STATES("kup.circuit.breaker.state", Kind.GAUGE,
      "Infrastructure circuit breaker: without a state label a code (0 closed, 1 half-open,"
          + " 2 open); with one, 1 for the current state and 0 for the others", "state"),
  PAUSED_PARTITIONS("kup.paused.partitions", Kind.GAUGE, "Partitions paused right now"),
  OLDEST_UNCOMMITTED_RECORD_AGE("kup.oldest.uncommitted.record.age", Kind.GAUGE,
      "Seconds the oldest record held but not yet committed has waited, per partition",
      "topic", "partition"),
  REBALANCES("kup.rebalances", Kind.COUNTER, "Partition assignment changes, by kind", "kind"),
  OFFSET_RESET_SKIPPED_RECORDS("kup.offset.reset.skipped.records", Kind.COUNTER,
      "Offsets passed over when a stored offset outside the log was resumed elsewhere on purpose"
          + " (out-of-range policy earliest or latest), per partition",
      "topic", "partition");

  /** How a meter is kept. */
  public enum Kind { COUNTER, TIMER, SUMMARY, GAUGE }

  private final String meterName;
  private final Kind kind;
  private final String description;
  private final List<String> tags;

  KupMeter(String meterName, Kind kind, String description, String... tags) {
    this.meterName = meterName;
    this.kind = kind;
    this.description = description;
    this.tags = List.of(tags);
  }

  public String meterName() {
    return meterName;
  }

  public Kind kind() {
    return kind;
  }

  public String description() {
    return description;
  }

  public List<String> tags() {
    return tags;
  }

  /** The family name Prometheus shows, e.g. {@code kup_records_total}. */
  public String prometheusName() {
    String base = meterName.replace('.', '_');
    return switch (kind) {
      case COUNTER -> base + "_total";
      case TIMER -> base + "_seconds";
      case SUMMARY -> base + "_records";
      case GAUGE -> base.equals("kup_oldest_uncommitted_record_age") ? base + "_seconds" : base;
    };
  }
}
