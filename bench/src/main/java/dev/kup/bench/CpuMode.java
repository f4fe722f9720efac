package dev.kup.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the database and the rest share the machine's cores during the database and drain phases.
 * {@link #SHARED}: every process may run on every core, as a laptop or a small VM runs them.
 * {@link #PINNED}: PostgreSQL (the postmaster and every backend) on core 0 only, the benchmark,
 * the broker and kup on the other cores: a database with resources of its own, the deployment
 * that matters, where the ratio to the limit says how much of the database's capacity kup's
 * statements waste.
 */
public enum CpuMode {
  SHARED("shared"),
  PINNED("pinned");

  private final String label;

  CpuMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Reads {@code shared}, {@code pinned}, {@code shared,pinned} or {@code both}.
   *
   * @throws IllegalArgumentException on another name
   */
  public static Set<CpuMode> parse(String list) {
    if (list.strip().equals("both")) {
      return EnumSet.allOf(CpuMode.class);
    }
    Set<CpuMode> modes = EnumSet.noneOf(CpuMode.class);
    for (String name : list.split(",")) {
      modes.add(Arrays.stream(values()).filter(m -> m.label.equals(name.strip())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--cpu-modes: unknown mode '" + name
              + "'; modes are shared, pinned or both")));
    }
    return modes;
  }
}
