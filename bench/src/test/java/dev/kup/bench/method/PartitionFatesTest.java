package dev.kup.bench.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionFatesTest {

  private static String line(String time, String code, String partitions) {
    return "{\"@timestamp\":\"2026-01-01T00:00:" + time + "Z\",\"message\":\"partitions: ["
        + partitions + "]\",\"event.code\":\"" + code + "\"}";
  }

  private static Instant at(String time) {
    return Instant.parse("2026-01-01T00:00:" + time + "Z");
  }

  @Test
  void anEagerRebalanceKeepsSomePartitionsButRevokesThemInBetween() {
    AssignmentLog first = AssignmentLog.parse(List.of(
        line("01.0", "PARTITIONS_ASSIGNED", "t-0, t-1, t-2, t-3"),
        line("05.0", "PARTITIONS_REVOKED", "t-0, t-1, t-2, t-3"),
        line("05.5", "PARTITIONS_ASSIGNED", "t-0, t-1"),
        line("20.0", "PARTITIONS_REVOKED", "t-0, t-1")));
    AssignmentLog second = AssignmentLog.parse(List.of(
        line("05.5", "PARTITIONS_ASSIGNED", "t-2, t-3")));
    PartitionFates fates = PartitionFates.of(first, second, at("03.0"), at("10.0"));
    assertThat(fates.before()).containsExactly(0, 1, 2, 3);
    assertThat(fates.kept()).containsExactly(0, 1);
    assertThat(fates.moved()).containsExactly(2, 3);
    assertThat(fates.keptButRevoked()).containsExactly(0, 1);
  }

  @Test
  void anIncrementalRebalanceRevokesOnlyWhatMoves() {
    AssignmentLog first = AssignmentLog.parse(List.of(
        line("01.0", "PARTITIONS_ASSIGNED", "t-0, t-1, t-2, t-3"),
        line("05.0", "PARTITIONS_REVOKED", "t-2, t-3"),
        line("05.1", "PARTITIONS_ASSIGNED", "")));
    AssignmentLog second = AssignmentLog.parse(List.of(
        line("04.9", "PARTITIONS_ASSIGNED", ""),
        line("05.5", "PARTITIONS_ASSIGNED", "t-2, t-3")));
    PartitionFates fates = PartitionFates.of(first, second, at("03.0"), at("10.0"));
    assertThat(fates.kept()).containsExactly(0, 1);
    assertThat(fates.moved()).containsExactly(2, 3);
    assertThat(fates.keptButRevoked()).isEmpty();
  }
}
