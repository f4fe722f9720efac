package dev.kup.demo.stream;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a generated update stream must do when applied in order: how many records it holds, how
 * many apply, which reasons the others are dead-lettered for, and what the applied ones add.
 *
 * @param records lines written, one record each
 * @param applicable records that apply (valid, at the row's version when they arrive)
 * @param deadLettersByReason dead-letter reason code → records expected with it
 * @param pointsAdded the sum of the {@code points} increments of the applicable records
 */
public record StreamPlan(
    long records, long applicable, Map<String, Long> deadLettersByReason, long pointsAdded) {

  public StreamPlan {
    deadLettersByReason = Map.copyOf(deadLettersByReason);
  }

  /** Records expected in the dead-letter topic. */
  public long deadLetters() {
    return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The expected dead letters sorted by reason, for printing and comparing. */
  public Map<String, Long> deadLettersSorted() {
    return new TreeMap<>(deadLettersByReason);
  }
}
