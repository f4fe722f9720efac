package dev.kup.cli.status;

import dev.kup.cli.deadletter.DeadLetterCounts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link StatusReport} as text for a person: one row per partition, then the dead letters. */
final class StatusTable {
  static final List<String> HEADINGS = List.of(
      "PARTITION", "LOG END", "KAFKA COMMITTED", "STORED", "LAG", "LAST COMMIT", "STATE");

  private StatusTable() {}

  static void print(StatusReport report, PrintStream out) {
    out.println("group " + report.group() + ", topic " + report.topic() + ", stuck after "
        + duration(report.stuckAfter()) + ", checked at " + report.checkedAt());
    printRows(rows(report), out);
    if (!report.storedKnown()) {
      out.println("stored offsets unknown: no --db-url or KUP_DB_URL given; lag is counted from"
          + " Kafka's committed offsets, and a partition committed there cannot be judged stuck");
    }
    report.deadLetters().ifPresent(counts -> printDeadLetters(counts, out));
    out.println(verdict(report));
  }

  private static List<List<String>> rows(StatusReport report) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (PartitionStatus status : report.partitions()) {
      PartitionFacts facts = status.facts();
      rows.add(List.of(
          String.valueOf(facts.partition()),
          String.valueOf(facts.logEnd()),
          facts.kafkaCommitted().isPresent() ? String.valueOf(facts.kafkaCommitted().getAsLong())
              : "-",
          stored(facts.stored()),
          String.valueOf(status.lag()),
          lastCommit(status),
          status.state().wireName()));
    }
    return rows;
  }

  private static void printRows(List<List<String>> rows, PrintStream out) {
    int[] widths = new int[HEADINGS.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.println(line);
    }
  }

  private static String stored(StoredOffset stored) {
    if (stored instanceof StoredOffset.Committed committed) {
      return String.valueOf(committed.nextOffset());
    }
    return stored instanceof StoredOffset.Unknown ? "unknown" : "-";
  }

  private static String lastCommit(PartitionStatus status) {
    String commit;
    if (status.lastCommitAge().isPresent()) {
      commit = duration(status.lastCommitAge().get()) + " ago";
    } else {
      commit = status.facts().neverCommitted() ? "never" : "unknown";
    }
    return status.oldestWaitingAge()
        .map(age -> commit + ", oldest record " + duration(age)).orElse(commit);
  }

  private static void printDeadLetters(DeadLetterCounts counts, PrintStream out) {
    if (!counts.topicExists()) {
      out.println("dead-letter topic " + counts.deadLetterTopic() + " does not exist");
      return;
    }
    out.println("dead letters from " + counts.originalTopic() + " in " + counts.deadLetterTopic()
        + ": " + counts.total());
    int width = counts.byReason().keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, Long> reason : counts.byReason().entrySet()) {
      out.println("  " + pad(reason.getKey(), width + 2) + reason.getValue());
    }
    if (counts.otherTopics() > 0) {
      out.println("  (" + counts.otherTopics() + " more from other topics, not counted)");
    }
  }

  private static String verdict(StatusReport report) {
    if (!report.stuck()) {
      return "no partition stuck; lag " + report.totalLag();
    }
    return "stuck: partition " + report.stuckPartitions().stream().map(String::valueOf)
        .collect(Collectors.joining(", ")) + " (records waited longer than "
        + duration(report.stuckAfter()) + " with no commit)";
  }

  /** {@code 850ms}, {@code 42s}, {@code 7m3s}, {@code 2h5m}, {@code 3d4h}: the two largest units. */
  static String duration(Duration duration) {
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    long[] amounts = {duration.toDays(), duration.toHoursPart(), duration.toMinutesPart(),
        duration.toSecondsPart()};
    String[] units = {"d", "h", "m", "s"};
    int first = 0;
    while (amounts[first] == 0) {
      first++;
    }
    String text = amounts[first] + units[first];
    if (first < units.length - 1 && amounts[first + 1] > 0) {
      text += amounts[first + 1] + units[first + 1];
    }
    return text;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
