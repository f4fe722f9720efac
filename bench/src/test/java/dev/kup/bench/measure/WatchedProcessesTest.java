package dev.kup.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WatchedProcessesTest {

  private static final Supplier<String> NO_CMDLINE = () -> {
    throw new AssertionError("the command line should not be needed");
  };

  @Test
  void findsTheJvmsByPidAndPostgresByName() {
    WatchedProcesses drain = WatchedProcesses.drain(CpuGroup.POSTGRES, 10, 20, 30L);
    assertThat(drain.groupOf(process(10, "java"), NO_CMDLINE)).isEqualTo(CpuGroup.BENCH);
    assertThat(drain.groupOf(process(20, "java"), NO_CMDLINE)).isEqualTo(CpuGroup.KUP);
    assertThat(drain.groupOf(process(30, "java"), NO_CMDLINE)).isEqualTo(CpuGroup.BROKER);
    assertThat(drain.groupOf(process(40, "postgres"), NO_CMDLINE)).isEqualTo(CpuGroup.POSTGRES);
  }

  @Test
  void recognisesAServerByItsTitleWhenItsBinaryHasAnotherName() {
    WatchedProcesses database = WatchedProcesses.database(CpuGroup.POSTGRES, 10);
    assertThat(database.groupOf(process(41, "postmaster"),
        () -> "postgres: 15/main: checkpointer \0\0\0")).isEqualTo(CpuGroup.POSTGRES);
    assertThat(database.groupOf(process(42, "postmaster"),
        () -> "/opt/pg/bin/postgres\0-D\0/data\0")).isEqualTo(CpuGroup.POSTGRES);
    assertThat(database.groupOf(process(43, "postgres_export"),
        () -> "postgres_exporter\0--web.listen-address=:9187\0")).isNull();
    assertThat(database.groupOf(process(44, "bash"), () -> "bash\0")).isNull();
  }

  @Test
  void leavesOutGroupsItDoesNotWatch() {
    WatchedProcesses database = WatchedProcesses.database(CpuGroup.POSTGRES, 10);
    assertThat(database.groupOf(process(10, "java"), NO_CMDLINE)).isEqualTo(CpuGroup.BENCH);
    assertThat(database.groups()).containsExactlyInAnyOrder(CpuGroup.POSTGRES, CpuGroup.BENCH);
    WatchedProcesses externalBroker = WatchedProcesses.drain(CpuGroup.POSTGRES, 10, 20, null);
    assertThat(externalBroker.groupOf(process(30, "java"), () -> "java\0")).isNull();
  }

  @Test
  void findsMariaDbsServerByNameWhenItIsTheWatchedDatabase() {
    WatchedProcesses mariaDb = WatchedProcesses.database(CpuGroup.MARIADB, 10);
    assertThat(mariaDb.groupOf(process(50, "mariadbd"), NO_CMDLINE)).isEqualTo(CpuGroup.MARIADB);
    assertThat(mariaDb.groupOf(process(51, "mysqld"), NO_CMDLINE)).isEqualTo(CpuGroup.MARIADB);
    assertThat(mariaDb.groupOf(process(52, "postgres"), () -> "postgres\0")).isNull();
    assertThat(mariaDb.groups()).containsExactlyInAnyOrder(CpuGroup.MARIADB, CpuGroup.BENCH);
    WatchedProcesses drain = WatchedProcesses.drain(CpuGroup.MARIADB, 10, 20, 30L);
    assertThat(drain.groups()).containsExactlyInAnyOrder(CpuGroup.KUP, CpuGroup.MARIADB,
        CpuGroup.BROKER, CpuGroup.BENCH);
    assertThat(drain.groupOf(process(53, "postgres"), () -> "postgres\0")).isNull();
  }

  @Test
  void refusesAServerGroupThatIsNoDatabase() {
    assertThatThrownBy(() -> WatchedProcesses.database(CpuGroup.KUP, 10))
        .hasMessageContaining("KUP");
  }

  private static ProcStat process(long pid, String comm) {
    return new ProcStat(pid, comm, 1, 0, 0, 100);
  }
}
