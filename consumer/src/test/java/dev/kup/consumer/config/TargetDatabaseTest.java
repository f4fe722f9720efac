package dev.kup.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetDatabaseTest {
  private static final Duration IDLE = Duration.ofSeconds(60);

  @ParameterizedTest
  @ValueSource(strings = {
    "jdbc:h2:file:./kup-data/demo;AUTO_SERVER=FALSE", "jdbc:h2:mem:kup;DB_CLOSE_DELAY=-1",
    "jdbc:h2:./kup-data/demo"})
  void anH2UrlIsH2WithJdbcBatchesAndNoSessionSql(String url) {
    TargetDatabase h2 = TargetDatabase.of(url);

    assertThat(h2.dialect()).isEqualTo(SQLDialect.H2);
    assertThat(h2.isPostgres()).isFalse();
    assertThat(h2.writeStrategy(ApplyStrategy.AUTO)).isEqualTo(ApplyStrategy.BATCH);
    assertThat(h2.writeStrategy(ApplyStrategy.BATCH)).isEqualTo(ApplyStrategy.BATCH);
    assertThat(h2.sessionSetup(IDLE)).isEmpty();
  }

  @Test
  void unnestOnH2IsAConfigurationErrorNamingTheSettingAndTheWayOut() {
    assertThatThrownBy(() -> TargetDatabase.of("jdbc:h2:file:./kup-data/demo")
            .writeStrategy(ApplyStrategy.UNNEST))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_APPLY_STRATEGY=unnest needs PostgreSQL")
        .hasMessageContaining("H2")
        .hasMessageContaining("use auto or batch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:postgresql://db:5432/app", "jdbc:pgproxy://db/app"})
  void aPostgresOrUnrecognisedUrlIsPostgresWithUnnestAndItsSessionSettings(String url) {
    TargetDatabase postgres = TargetDatabase.of(url);

    assertThat(postgres.dialect()).isEqualTo(SQLDialect.POSTGRES);
    assertThat(postgres.writeStrategy(ApplyStrategy.AUTO)).isEqualTo(ApplyStrategy.UNNEST);
    assertThat(postgres.writeStrategy(ApplyStrategy.UNNEST)).isEqualTo(ApplyStrategy.UNNEST);
    assertThat(postgres.writeStrategy(ApplyStrategy.BATCH)).isEqualTo(ApplyStrategy.BATCH);
    assertThat(postgres.sessionSetup(IDLE)).contains("SET idle_in_transaction_session_timeout = 60000;"
        + " SET enable_hashjoin = off; SET enable_mergejoin = off");
  }

  @Test
  void aMariaDbUrlIsMariaDbWithJdbcBatchesReadCommittedStrictModesAndTheIdleLimitInSeconds() {
    TargetDatabase mariadb = TargetDatabase.of("jdbc:mariadb://db:3306/app");

    assertThat(mariadb.dialect()).isEqualTo(SQLDialect.MARIADB);
    assertThat(mariadb.isMariaDbFamily()).isTrue();
    assertThat(mariadb.writeStrategy(ApplyStrategy.AUTO)).isEqualTo(ApplyStrategy.VALUES);
    assertThat(mariadb.writeStrategy(ApplyStrategy.BATCH)).isEqualTo(ApplyStrategy.BATCH);
    assertThat(mariadb.transactionIsolation()).contains("TRANSACTION_READ_COMMITTED");
    assertThat(mariadb.sessionSetup(Duration.ofMillis(1500))).contains("SET SESSION sql_mode ="
        + " 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
        + "NO_ENGINE_SUBSTITUTION', idle_transaction_timeout = 2");
    assertThat(mariadb.sessionSetup(Duration.ofMillis(10)).orElseThrow())
        .endsWith("idle_transaction_timeout = 1");
    assertThatThrownBy(() -> mariadb.writeStrategy(ApplyStrategy.UNNEST))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MariaDB");
  }

  @Test
  void valuesAnywhereButOnMariaDbIsAConfigurationError() {
    assertThatThrownBy(() -> TargetDatabase.of("jdbc:postgresql://db/app")
            .writeStrategy(ApplyStrategy.VALUES))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUP_APPLY_STRATEGY=values needs MariaDB or MySQL")
        .hasMessageContaining("use auto or batch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mariadb://db/app?useBulkStmts=true",
    "jdbc:mariadb://db/app?user=u&password=hunter2&useBulkStmtsForInserts=true"})
  void aMariaDbUrlAskingForBulkBatchesWithoutRowCountsIsRefusedWithoutQuotingIt(String url) {
    assertThatThrownBy(() -> TargetDatabase.requireRowCounts(url))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("useBulkStmts")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mariadb://db/app", "jdbc:mariadb://db/app?useBulkStmts=false",
    "jdbc:postgresql://db/app?ssl=true"})
  void urlsThatKeepOneCountPerRowPass(String url) {
    TargetDatabase.requireRowCounts(url);
  }

  @Test
  void postgresAndH2KeepTheirDefaultIsolation() {
    assertThat(TargetDatabase.of("jdbc:postgresql://db/app").transactionIsolation()).isEmpty();
    assertThat(TargetDatabase.of("jdbc:h2:mem:x").transactionIsolation()).isEmpty();
  }
}
