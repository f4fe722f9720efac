package dev.kup.bench.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignmentLogTest {

  private static String line(String time, String code, String message) {
    return "{\"@timestamp\":\"2026-01-01T00:00:" + time + "Z\",\"log.level\":\"INFO\","
        + "\"message\":\"" + message + "\",\"event.code\":\"" + code + "\"}";
  }

  private static Instant at(String time) {
    return Instant.parse("2026-01-01T00:00:" + time + "Z");
  }

  static final List<String> EAGER_FIRST = List.of(
      "plain text line",
      line("01.000", "SERVICE_CONFIGURED", "consumer configured"),
      line("02.000", "PARTITIONS_ASSIGNED", "partitions assigned: [bench-uniform-0,"
          + " bench-uniform-1, bench-uniform-2, bench-uniform-3]"),
      line("05.000", "PARTITIONS_REVOKED", "partitions revoked: [bench-uniform-0,"
          + " bench-uniform-1, bench-uniform-2, bench-uniform-3]"),
      line("05.500", "PARTITIONS_ASSIGNED", "partitions assigned: [bench-uniform-0,"
          + " bench-uniform-1]"),
      line("09.000", "PARTITIONS_REVOKED", "partitions revoked: [bench-uniform-0,"
          + " bench-uniform-1]"));

  @Test
  void readsTheAssignmentCallbacksAndTheirPartitions() {
    AssignmentLog log = AssignmentLog.parse(EAGER_FIRST);
    assertThat(log.events()).hasSize(4);
    assertThat(log.events().get(0)).isEqualTo(new AssignmentLog.Event(at("02.000"),
        AssignmentLog.Change.ASSIGNED, Set.of(0, 1, 2, 3)));
  }

  @Test
  void replaysTheCallbacksIntoWhatWasOwnedAtATime() {
    AssignmentLog log = AssignmentLog.parse(EAGER_FIRST);
    assertThat(log.ownedAt(at("01.000"))).isEmpty();
    assertThat(log.ownedAt(at("04.000"))).containsExactly(0, 1, 2, 3);
    assertThat(log.ownedAt(at("05.200"))).isEmpty();
    assertThat(log.ownedAt(at("06.000"))).containsExactly(0, 1);
  }

  @Test
  void anIncrementalCallbackWithNoPartitionsChangesNothing() {
    AssignmentLog log = AssignmentLog.parse(List.of(
        line("02.000", "PARTITIONS_ASSIGNED", "partitions assigned: [t-10-0, t-10-1, t-10-2]"),
        line("05.000", "PARTITIONS_REVOKED", "partitions revoked: [t-10-2]"),
        line("05.100", "PARTITIONS_ASSIGNED", "partitions assigned: []"),
        line("07.000", "PARTITIONS_LOST", "partitions lost: [t-10-1]; in-flight batches will"
            + " roll back")));
    assertThat(log.ownedAt(at("06.000"))).containsExactly(0, 1);
    assertThat(log.ownedAt(at("08.000"))).containsExactly(0);
    assertThat(log.between(at("05.000"), at("07.000"))).extracting(AssignmentLog.Event::change)
        .containsExactly(AssignmentLog.Change.ASSIGNED, AssignmentLog.Change.LOST);
  }
}
