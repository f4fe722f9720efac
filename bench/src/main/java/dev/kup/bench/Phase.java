package dev.kup.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The parts of the benchmark that can be chosen with {@code --phases}. */
public enum Phase {
  /** The database's limit without Kafka: set-based UPDATE from memory, 2 and 1 connections. */
  DB("db"),
  /**
   * The packaged kup consumer draining the uniform and the Zipf backlog, default settings; with
   * {@code --insert-share}, also the uniform one with upserts inserting rows.
   */
  KUP("kup"),
  /** Plain consumers: per-record autocommit (on a prefix) and a JDBC batch per poll. */
  BASELINES("baselines"),
  /** kup's end-to-end latency at fixed publish rates. */
  LATENCY("latency");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Parses a comma-separated list such as {@code db,kup}; {@code all} means every phase.
   *
   * @throws IllegalArgumentException naming the unknown phase
   */
  public static Set<Phase> parse(String list) {
    if (list.strip().equals("all")) {
      return EnumSet.allOf(Phase.class);
    }
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String name : list.split(",")) {
      phases.add(Arrays.stream(values()).filter(p -> p.label.equals(name.strip())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--phases: unknown phase '" + name
              + "'; choose from db, kup, baselines, latency, all")));
    }
    return phases;
  }
}
