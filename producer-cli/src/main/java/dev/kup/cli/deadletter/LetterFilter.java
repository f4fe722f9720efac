package dev.kup.cli.deadletter;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which dead letters a command looks at. Every criterion left empty (or null) selects everything;
 * the ones given must all hold.
 *
 * @param originalTopic the topic the letters came from; null for any
 * @param reasons {@code kup.dlq.reason} codes
 * @param stages {@code kup.dlq.stage} wire names
 * @param tables the table of the Kafka key ({@code table:key})
 * @param partitions the partition of the original record
 * @param since failed at or after; null for no bound
 * @param until failed before; null for no bound
 * @param traceId {@code kup.dlq.trace.id}; null for any
 */
record LetterFilter(
    String originalTopic,
    Set<String> reasons,
    Set<String> stages,
    Set<String> tables,
    Set<Integer> partitions,
    Instant since,
    Instant until,
    String traceId) {

  LetterFilter {
    reasons = Set.copyOf(reasons);
    stages = Set.copyOf(stages);
    tables = Set.copyOf(tables);
    partitions = Set.copyOf(partitions);
  }

  /** Every letter of {@code originalTopic} (or of any topic when null). */
  static LetterFilter everyLetterOf(String originalTopic) {
    return new LetterFilter(originalTopic, Set.of(), Set.of(), Set.of(), Set.of(), null, null, null);
  }

  /** This filter for the letters of {@code topic} only. */
  LetterFilter fromTopic(String topic) {
    return new LetterFilter(topic, reasons, stages, tables, partitions, since, until, traceId);
  }

  boolean matches(DeadLetterView letter) {
    return (originalTopic == null || originalTopic.equals(letter.originalTopic()))
        && (reasons.isEmpty() || reasons.contains(letter.reason()))
        && (stages.isEmpty() || stages.contains(letter.stage()))
        && (tables.isEmpty() || tables.contains(letter.table()))
        && (partitions.isEmpty()
            || (letter.origin() != null && partitions.contains(letter.origin().partition())))
        && (since == null || !letter.failedAt().isBefore(since))
        && (until == null || letter.failedAt().isBefore(until))
        && (traceId == null || Objects.equals(traceId, letter.traceId()));
  }
}
