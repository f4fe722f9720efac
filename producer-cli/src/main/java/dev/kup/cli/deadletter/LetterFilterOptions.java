package dev.kup.cli.deadletter;

import dev.kup.cli.TimeBound;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.DeadLetterStage;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The filter options {@code kup dlq ls}, {@code kup dlq stats} and {@code kup replay} share. A
 * reason or stage no letter can carry is refused: it would select nothing, and a replay would
 * commit past everything.
 */
final class LetterFilterOptions {

  @Option(names = "--reason", paramLabel = "CODE",
      description = "Only letters with this kup.dlq.reason (e.g. UNKNOWN_COLUMN); repeatable.")
  Set<String> reasons = new LinkedHashSet<>();

  @Option(names = "--stage", paramLabel = "STAGE",
      description = "Only letters given up at this kup.dlq.stage (e.g. apply); repeatable.")
  Set<String> stages = new LinkedHashSet<>();

  @Option(names = "--table", paramLabel = "TABLE",
      description = "Only letters whose Kafka key names this table (table:key); repeatable.")
  Set<String> tables = new LinkedHashSet<>();

  @Option(names = "--partition", paramLabel = "N",
      description = "Only letters whose original record lay in this partition; repeatable.")
  Set<Integer> partitions = new LinkedHashSet<>();

  @Option(names = "--since", paramLabel = "WHEN",
      description = "Only letters that failed at or after WHEN: an instant (2026-12-04T08:00:00Z)"
          + " or a duration before now (90s, 15m, 2h, 7d, PT2H).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN",
      description = "Only letters that failed before WHEN (same forms as --since).")
  String until;

  @Option(names = "--trace-id", paramLabel = "ID",
      description = "Only letters of the batch with this trace id (kup.dlq.trace.id, the logs'"
          + " trace.id).")
  String traceId;

  /**
   * The filter these options describe.
   *
   * @param originalTopic the topic letters must have come from; null for any
   * @throws IllegalArgumentException on an unknown reason or stage or an unreadable time
   */
  LetterFilter filter(String originalTopic, Instant now) {
    requireKnown("--reason", reasons, Arrays.stream(DeadLetterReason.values())
        .map(DeadLetterReason::code).collect(Collectors.toCollection(TreeSet::new)));
    requireKnown("--stage", stages, Arrays.stream(DeadLetterStage.values())
        .map(DeadLetterStage::wireName).collect(Collectors.toCollection(TreeSet::new)));
    return new LetterFilter(originalTopic, reasons, stages, tables, partitions,
        since == null ? null : TimeBound.parse(since, now),
        until == null ? null : TimeBound.parse(until, now),
        traceId);
  }

  private static void requireKnown(String option, Set<String> given, Set<String> known) {
    for (String value : given) {
      if (!known.contains(value)) {
        throw new IllegalArgumentException(
            "unknown " + option + " '" + value + "'; known values are " + known);
      }
    }
  }
}
