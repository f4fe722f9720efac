package dev.kup.bench.measure;

import dev.kup.bench.data.DatabaseEngine;

/**
 * The processes a CPU budget tells apart, in the order they are reported. The key is the stable
 * name in results.json.
 */
public enum CpuGroup {
  /** The kup consumer's JVM. */
  KUP("kup", "kup", false),
  /**
   * Every PostgreSQL server process. Backends are forked by the postmaster, which waits for them,
   * so a backend's CPU after its last sample is still counted through the postmaster's {@code
   * cutime + cstime}.
   */
  POSTGRES("postgres", "PostgreSQL", true),
  /** The MariaDB server: one process ({@code mariadbd}, {@code mysqld} before 10.5). */
  MARIADB("mariadb", "MariaDB", false),
  /** The benchmark's own Kafka broker (a child JVM). */
  BROKER("broker", "broker", false),
  /**
   * The benchmark's JVM. Its reaped children (the kup and broker JVMs, after their windows) are
   * other groups, so they are not counted here.
   */
  BENCH("bench", "bench", false);

  private final String key;
  private final String label;
  private final boolean countsReapedChildren;

  CpuGroup(String key, String label, boolean countsReapedChildren) {
    this.key = key;
    this.label = label;
    this.countsReapedChildren = countsReapedChildren;
  }

  /** The group of the database server of {@code engine}. */
  public static CpuGroup server(DatabaseEngine engine) {
    return switch (engine) {
      case POSTGRESQL -> POSTGRES;
      case MARIADB -> MARIADB;
    };
  }

  /** The name in results.json. */
  public String key() {
    return key;
  }

  /** The name for people. */
  public String label() {
    return label;
  }

  /** Whether the CPU of children a member waited for belongs to the group. */
  public boolean countsReapedChildren() {
    return countsReapedChildren;
  }
}
