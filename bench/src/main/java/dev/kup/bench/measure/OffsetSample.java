package dev.kup.bench.measure;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of a group's per-partition offsets in {@code kup_offsets}.
 *
 * @param observed when this benchmark read it
 * @param nextOffsets each partition's {@code next_offset}; a partition kup never committed is absent
 * @param lastClaim the latest {@code updated_at}; null before the first commit
 */
public record OffsetSample(Instant observed, Map<Integer, Long> nextOffsets, Instant lastClaim) {

  public OffsetSample {
    nextOffsets = java.util.Collections.unmodifiableMap(new TreeMap<>(nextOffsets));
  }

  /** Records committed by the group: the sum of the partitions' next offsets. */
  public long committed() {
    return nextOffsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A partition's next offset; 0 before its first commit. */
  public long offset(int partition) {
    return nextOffsets.getOrDefault(partition, 0L);
  }

  /** The same reading summed over the partitions, as {@link OffsetProgress} reads it. */
  public OffsetProgress.Reading total() {
    return new OffsetProgress.Reading(observed, committed(), lastClaim);
  }
}
