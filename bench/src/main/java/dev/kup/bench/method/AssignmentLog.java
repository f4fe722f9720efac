package dev.kup.bench.method;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partitions one kup consumer was given and gave up, read from its ECS log lines ({@code
 * PARTITIONS_ASSIGNED}, {@code PARTITIONS_REVOKED}, {@code PARTITIONS_LOST}, each listing
 * {@code topic-partition}s). Replaying them says what it owned at any time, for eager rebalances
 * (everything revoked, then the whole new assignment) and incremental ones (only what changes)
 * alike. Immutable.
 */
public final class AssignmentLog {

  private static final Map<String, Change> CHANGES = Map.of("PARTITIONS_ASSIGNED",
      Change.ASSIGNED, "PARTITIONS_REVOKED", Change.REVOKED, "PARTITIONS_LOST", Change.LOST);
  /** {@code topic-3} in a message's list; the number after the last dash is the partition. */
  private static final Pattern PARTITION = Pattern.compile("-(\\d+)(?=[,\\]])");

  private final List<Event> events;

  private AssignmentLog(List<Event> events) {
    this.events = List.copyOf(events);
  }

  /** The assignment events of a log, in order; other lines are skipped. */
  public static AssignmentLog parse(List<String> logLines) {
    List<Event> events = new ArrayList<>();
    for (String line : logLines) {
      JsonNode event = JsonLogLine.parseOrNull(line);
      Change change = event == null ? null : CHANGES.get(event.path("event.code").asText(""));
      if (change != null && event.hasNonNull("@timestamp")) {
        events.add(new Event(Instant.parse(event.get("@timestamp").asText()), change,
            partitions(event.path("message").asText(""))));
      }
    }
    return new AssignmentLog(events);
  }

  public List<Event> events() {
    return events;
  }

  /** The events in {@code (from, to]}. */
  public List<Event> between(Instant from, Instant to) {
    return events.stream().filter(e -> e.at().isAfter(from) && !e.at().isAfter(to)).toList();
  }

  /** The partitions owned just after every event up to {@code at} (inclusive). */
  public Set<Integer> ownedAt(Instant at) {
    Set<Integer> owned = new TreeSet<>();
    for (Event event : events) {
      if (event.at().isAfter(at)) {
        break;
      }
      if (event.change() == Change.ASSIGNED) {
        owned.addAll(event.partitions());
      } else {
        owned.removeAll(event.partitions());
      }
    }
    return Collections.unmodifiableSet(owned);
  }

  private static Set<Integer> partitions(String message) {
    Set<Integer> partitions = new TreeSet<>();
    Matcher matcher = PARTITION.matcher(message);
    while (matcher.find()) {
      partitions.add(Integer.parseInt(matcher.group(1)));
    }
    return partitions;
  }

  /** What an event did to the consumer's partitions. */
  public enum Change {
    ASSIGNED("assigned"),
    REVOKED("revoked"),
    LOST("lost");

    private final String label;

    Change(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One assignment callback as logged.
   *
   * @param at the log line's timestamp
   * @param change assigned, revoked or lost
   * @param partitions the partitions it named; empty for an incremental callback with none
   */
  public record Event(Instant at, Change change, Set<Integer> partitions) {

    public Event {
      partitions = Collections.unmodifiableSet(new TreeSet<>(partitions));
    }
  }
}
