package dev.kup.bench.measure;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of the machine and of the watched processes.
 *
 * @param at when it was taken (just before {@code /proc/stat} was read)
 * @param machine the whole machine's CPU time so far
 * @param processes the processes of each watched group found in this reading; a group with none
 *     maps to an empty list or is missing
 */
public record CpuSample(Instant at, MachineTicks machine,
    Map<CpuGroup, List<ProcStat>> processes) {

  public CpuSample {
    Map<CpuGroup, List<ProcStat>> copy = new EnumMap<>(CpuGroup.class);
    processes.forEach((group, list) -> copy.put(group, List.copyOf(list)));
    processes = Map.copyOf(copy);
  }

  /** The processes of {@code group} in this reading; empty when none. */
  public List<ProcStat> of(CpuGroup group) {
    return processes.getOrDefault(group, List.of());
  }
}
