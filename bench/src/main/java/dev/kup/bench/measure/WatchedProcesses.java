package dev.kup.bench.measure;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which process belongs to which {@link CpuGroup} during one measured run. The database server's
 * processes are found by name (PostgreSQL's or MariaDB's, whichever group is watched); the JVMs by
 * pid. Pure: the caller reads {@code /proc}.
 *
 * @param groups the groups reported, whether or not a process of theirs is seen
 * @param benchPid this benchmark's JVM
 * @param kupPid the kup consumer's JVM; null when kup does not run
 * @param brokerPid the benchmark's own broker; null when the broker is external or not started
 */
public record WatchedProcesses(Set<CpuGroup> groups, long benchPid, Long kupPid,
    Long brokerPid) {

  public WatchedProcesses {
    groups = Set.copyOf(groups);
  }

  /**
   * The database limit runs: the database server and the benchmark JVM that drives it.
   *
   * @param server {@link CpuGroup#POSTGRES} or {@link CpuGroup#MARIADB}
   */
  public static WatchedProcesses database(CpuGroup server, long benchPid) {
    return new WatchedProcesses(EnumSet.of(server(server), CpuGroup.BENCH), benchPid, null,
        null);
  }

  /**
   * A kup drain: the server and every JVM; {@code brokerPid} is null with an external broker.
   *
   * @param server {@link CpuGroup#POSTGRES} or {@link CpuGroup#MARIADB}
   */
  public static WatchedProcesses drain(CpuGroup server, long benchPid, long kupPid,
      Long brokerPid) {
    return new WatchedProcesses(EnumSet.of(CpuGroup.KUP, server(server), CpuGroup.BROKER,
        CpuGroup.BENCH), benchPid, kupPid, brokerPid);
  }

  /**
   * The group {@code process} belongs to, or null.
   *
   * @param cmdline its {@code /proc/<pid>/cmdline}, asked for only when the name alone does not
   *     tell
   */
  public CpuGroup groupOf(ProcStat process, Supplier<String> cmdline) {
    CpuGroup group = byPid(process.pid());
    if (group == null && groups.contains(CpuGroup.POSTGRES) && isPostgres(process, cmdline)) {
      group = CpuGroup.POSTGRES;
    }
    if (group == null && groups.contains(CpuGroup.MARIADB) && isMariaDb(process)) {
      group = CpuGroup.MARIADB;
    }
    return group != null && groups.contains(group) ? group : null;
  }

  private static CpuGroup server(CpuGroup group) {
    if (group != CpuGroup.POSTGRES && group != CpuGroup.MARIADB) {
      throw new IllegalArgumentException("not a database server's group: " + group);
    }
    return group;
  }

  /** MariaDB's server: {@code mariadbd} since 10.5, {@code mysqld} before (and MySQL's). */
  static boolean isMariaDb(ProcStat process) {
    return process.comm().equals("mariadbd") || process.comm().equals("mysqld");
  }

  private CpuGroup byPid(long pid) {
    if (pid == benchPid) {
      return CpuGroup.BENCH;
    }
    if (kupPid != null && pid == kupPid) {
      return CpuGroup.KUP;
    }
    return brokerPid != null && pid == brokerPid ? CpuGroup.BROKER : null;
  }

  /**
   * A server started from a binary of another name keeps its title, {@code postgres: …}, in the
   * command line; {@code postgres_exporter} and the like are not the server.
   */
  static boolean isPostgres(ProcStat process, Supplier<String> cmdline) {
    if (process.comm().equals("postgres")) {
      return true;
    }
    String first = cmdline.get().split("\0", 2)[0];
    return first.startsWith("postgres:") || first.equals("postgres")
        || first.endsWith("/postgres");
  }
}
