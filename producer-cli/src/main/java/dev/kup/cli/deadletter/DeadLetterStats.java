package dev.kup.cli.deadletter;

import java.util.Map;
import java.util.TreeMap;

/** Counts of dead letters by reason, stage and table; letters without one count under "-". */
final class DeadLetterStats {
  static final String UNKNOWN = "-";

  private long total;
  private final Map<String, Long> byReason = new TreeMap<>();
  private final Map<String, Long> byStage = new TreeMap<>();
  private final Map<String, Long> byTable = new TreeMap<>();

  void add(DeadLetterView letter) {
    total++;
    byReason.merge(orUnknown(letter.reason()), 1L, Long::sum);
    byStage.merge(orUnknown(letter.stage()), 1L, Long::sum);
    byTable.merge(orUnknown(letter.table()), 1L, Long::sum);
  }

  long total() {
    return total;
  }

  Map<String, Long> byReason() {
    return Map.copyOf(byReason);
  }

  Map<String, Long> byStage() {
    return Map.copyOf(byStage);
  }

  Map<String, Long> byTable() {
    return Map.copyOf(byTable);
  }

  private static String orUnknown(String value) {
    return value == null ? UNKNOWN : value;
  }
}
