package dev.kup.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchDatabaseTest {

  @Test
  void tellsTheEngineByTheUrlsScheme() {
    assertThat(new BenchDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null)
        .engine()).isEqualTo(DatabaseEngine.POSTGRESQL);
    assertThat(new BenchDatabase("jdbc:mariadb://127.0.0.1:3306/test", "root", null).engine())
        .isEqualTo(DatabaseEngine.MARIADB);
    assertThatThrownBy(() -> new BenchDatabase("jdbc:h2:mem:bench", "sa", null))
        .hasMessageContaining("jdbc:postgresql: or jdbc:mariadb:");
  }

  @Test
  void landsPostgresTablesInTheBenchSchemaOfTheGivenDatabase() {
    assertThat(new BenchDatabase("jdbc:postgresql://h:5432/test", "postgres", null).schemaUrl())
        .isEqualTo("jdbc:postgresql://h:5432/test?currentSchema=kup_bench");
    assertThat(new BenchDatabase("jdbc:postgresql://h/test?ssl=false", "postgres", null)
        .schemaUrl()).isEqualTo("jdbc:postgresql://h/test?ssl=false&currentSchema=kup_bench");
  }

  @Test
  void landsMariaDbTablesInADatabaseOfTheirOwnKeepingHostsAndOptions() {
    assertThat(new BenchDatabase("jdbc:mariadb://127.0.0.1:3306/test", "root", null).schemaUrl())
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/kup_bench");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://h:3306/test?user=root&a=b", "kup_bench"))
        .isEqualTo("jdbc:mariadb://h:3306/kup_bench?user=root&a=b");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://h:3306?user=root", "kup_bench"))
        .isEqualTo("jdbc:mariadb://h:3306/kup_bench?user=root");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://h:3306/", "kup_bench"))
        .isEqualTo("jdbc:mariadb://h:3306/kup_bench");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://a:3306,b:3307/test", "kup_bench"))
        .isEqualTo("jdbc:mariadb://a:3306,b:3307/kup_bench");
    assertThat(BenchDatabase.withDatabase("jdbc:mariadb://h/test?path=/x", "kup_bench"))
        .isEqualTo("jdbc:mariadb://h/kup_bench?path=/x");
  }

  @Test
  void addsDriverOptionsAfterTheUrlsOwn() {
    assertThat(new BenchDatabase("jdbc:mariadb://h:3306/test", "root", null)
        .schemaUrl("useServerPrepStmts=true"))
        .isEqualTo("jdbc:mariadb://h:3306/kup_bench?useServerPrepStmts=true");
    assertThat(new BenchDatabase("jdbc:mariadb://h:3306/test?user=root", "root", null)
        .schemaUrl("useBulkStmts=true"))
        .isEqualTo("jdbc:mariadb://h:3306/kup_bench?user=root&useBulkStmts=true");
    assertThat(new BenchDatabase("jdbc:mariadb://h:3306/test", "root", null).schemaUrl(""))
        .isEqualTo("jdbc:mariadb://h:3306/kup_bench");
  }
}
