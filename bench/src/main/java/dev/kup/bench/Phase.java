package dev.kup.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The parts of the benchmark that can be chosen with {@code --phases}. */
public enum Phase {
  /**
   * The database's limit without Kafka: on PostgreSQL a set-based UPDATE from memory, 2 and 1
   * connections; on MariaDB the fastest of several statement shapes, 2 connections.
   */
  DB("db"),
  /**
   * The packaged kup consumer draining the uniform and the Zipf backlog, default settings; with
   * {@code --insert-share}, also the uniform one with upserts inserting rows.
   */
  KUP("kup"),
  /** Plain consumers: per-record autocommit (on a prefix) and a JDBC batch per poll. */
  BASELINES("baselines"),
  /** kup's end-to-end latency at fixed publish rates. */
  LATENCY("latency"),
  /**
   * A second kup joining the group of one draining the uniform backlog, once per group protocol:
   * the dip. Not part of {@code all}: three more drains would make the default run much longer.
   */
  REBALANCE("rebalance", false);

  private final String label;
  private final boolean inAll;

  Phase(String label) {
    this(label, true);
  }

  Phase(String label, boolean inAll) {
    this.label = label;
    this.inAll = inAll;
  }

  public String label() {
    return label;
  }

  /**
   * Parses a comma-separated list such as {@code db,kup}; {@code all} means every phase but
   * {@code rebalance}, which is named on its own ({@code all,rebalance} runs everything).
   *
   * @throws IllegalArgumentException naming the unknown phase
   */
  public static Set<Phase> parse(String list) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String name : list.split(",")) {
      if (name.strip().equals("all")) {
        Arrays.stream(values()).filter(p -> p.inAll).forEach(phases::add);
        continue;
      }
      phases.add(Arrays.stream(values()).filter(p -> p.label.equals(name.strip())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--phases: unknown phase '" + name
              + "'; choose from db, kup, baselines, latency, rebalance, all")));
    }
    return phases;
  }
}
