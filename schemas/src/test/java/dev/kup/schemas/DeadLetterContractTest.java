package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Names other teams' tooling depends on: a failure here means a breaking change. */
class DeadLetterContractTest {

  @Test
  void headerNamesAreExactlyThePublishedOnes() {
    assertThat(DeadLetterHeaders.ALL)
        .containsExactly(
            "kafka_dlt-original-topic",
            "kafka_dlt-original-partition",
            "kafka_dlt-original-offset",
            "kafka_dlt-original-timestamp",
            "kafka_dlt-original-timestamp-type",
            "kup.dlq.original.topic",
            "kup.dlq.original.partition",
            "kup.dlq.original.offset",
            "kup.dlq.original.timestamp",
            "kafka_dlt-original-consumer-group",
            "kafka_dlt-exception-fqcn",
            "kafka_dlt-exception-message",
            "kafka_dlt-exception-stacktrace",
            "kup.dlq.stage",
            "kup.dlq.reason",
            "kup.dlq.sqlstate",
            "kup.dlq.failed.at",
            "kup.dlq.trace.id",
            "kup.dlq.value.omitted");
    assertThat(DeadLetterHeaders.REPLAY_COUNT).isEqualTo("kup.replay.count");
    assertThat(DeadLetterHeaders.REPLAYED_FROM).isEqualTo("kup.replayed.from");
    assertThat(DeadLetterHeaders.isDeadLetterHeader(DeadLetterHeaders.REPLAY_COUNT))
        .as("the replay count survives being dead-lettered again").isFalse();
    assertThat(DeadLetterHeaders.MAX_STACKTRACE_BYTES).isEqualTo(8192);
    assertThat(DeadLetterHeaders.MAX_MESSAGE_BYTES).isEqualTo(1024);
  }

  @Test
  void recognizesDeadLetterHeadersByPrefix() {
    assertThat(DeadLetterHeaders.ALL).allMatch(DeadLetterHeaders::isDeadLetterHeader);
    assertThat(DeadLetterHeaders.isDeadLetterHeader("kup.dlq.anything")).isTrue();
    assertThat(DeadLetterHeaders.isDeadLetterHeader("traceparent")).isFalse();
    assertThat(DeadLetterHeaders.isDeadLetterHeader("kup.other")).isFalse();
    assertThat(DeadLetterHeaders.isDeadLetterHeader(null)).isFalse();
  }

  @Test
  void reasonCodesAreTheConstantNamesEachWithADescription() {
    assertThat(Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code))
        .containsExactly(
            "MALFORMED_JSON",
            "SCHEMA_VIOLATION",
            "UNKNOWN_TABLE",
            "UNKNOWN_COLUMN",
            "INVALID_KEY",
            "KEY_MISMATCH",
            "TYPE_MISMATCH",
            "CONSTRAINT_VIOLATION",
            "DATA_EXCEPTION",
            "VERSION_CONFLICT",
            "NOT_FOUND",
            "APPLY_FAILED");
    assertThat(DeadLetterReason.values()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
  }

  @Test
  void stagesAreWrittenInLowerCase() {
    assertThat(Arrays.stream(DeadLetterStage.values()).map(DeadLetterStage::wireName))
        .containsExactly("deserialize", "validate", "apply", "conflict", "route");
  }

  @Test
  void opsAreReadAndWrittenByTheirExactWireName() {
    assertThat(Arrays.stream(Op.values()).map(Op::wireName))
        .containsExactly("update", "upsert", "delete");
    assertThat(Op.fromWire("upsert")).contains(Op.UPSERT);
    assertThat(Op.fromWire("UPSERT")).isEmpty();
    assertThat(Op.fromWire(null)).isEmpty();
  }
}
