package dev.kup.bench.method;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What became of the first consumer's partitions when a second one joined its group, from both
 * consumers' assignment logs. Pure.
 *
 * @param before the partitions the first consumer owned when the second started
 * @param kept those it owned again at the end, whether or not it gave them up in between
 * @param moved those the second consumer owned at the end
 * @param keptButRevoked kept partitions the first consumer gave up in between (an eager
 *     rebalance revokes everything, then assigns again)
 */
public record PartitionFates(Set<Integer> before, Set<Integer> kept, Set<Integer> moved,
    Set<Integer> keptButRevoked) {

  public PartitionFates {
    before = sorted(before);
    kept = sorted(kept);
    moved = sorted(moved);
    keptButRevoked = sorted(keptButRevoked);
  }

  /**
   * @param first the consumer that drained alone at first
   * @param second the consumer that joined
   * @param joined when the second consumer's process started
   * @param end when the backlog was drained: events after it (the stop) do not count
   */
  public static PartitionFates of(AssignmentLog first, AssignmentLog second, Instant joined,
      Instant end) {
    Set<Integer> before = first.ownedAt(joined);
    Set<Integer> kept = intersection(before, first.ownedAt(end));
    Set<Integer> revoked = new TreeSet<>();
    first.between(joined, end).stream().filter(e -> e.change() != AssignmentLog.Change.ASSIGNED)
        .forEach(e -> revoked.addAll(e.partitions()));
    return new PartitionFates(before, kept, intersection(before, second.ownedAt(end)),
        intersection(kept, revoked));
  }

  private static Set<Integer> intersection(Set<Integer> a, Set<Integer> b) {
    Set<Integer> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  private static Set<Integer> sorted(Set<Integer> partitions) {
    return Collections.unmodifiableSet(new TreeSet<>(partitions));
  }
}
