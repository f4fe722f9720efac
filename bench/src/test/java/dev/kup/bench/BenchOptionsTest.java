package dev.kup.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToAMillionRowsAndUpdatesAndEveryPhase() {
    BenchOptions options = BenchOptions.parse(new String[0], Map.of());
    assertThat(options.rows()).isEqualTo(1_000_000);
    assertThat(options.updates()).isEqualTo(1_000_000);
    assertThat(options.phases()).containsExactlyInAnyOrder(Phase.DB, Phase.KUP, Phase.BASELINES,
        Phase.LATENCY);
    assertThat(options.rebalanceProtocols()).containsExactly(RebalanceProtocol.CLASSIC,
        RebalanceProtocol.COOPERATIVE, RebalanceProtocol.CONSUMER);
    assertThat(options.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(options.bootstrapServers()).isNull();
    assertThat(options.insertShare()).isZero();
  }

  @Test
  void readsAnInsertShareFromTheCommandLineOrTheEnvironment() {
    assertThat(BenchOptions.parse(new String[] {"--insert-share", "0.3"}, Map.of()).insertShare())
        .isEqualTo(0.3);
    assertThat(BenchOptions.parse(new String[0], Map.of("BENCH_INSERT_SHARE", "0.25"))
        .insertShare()).isEqualTo(0.25);
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--insert-share", "1"}, Map.of()))
        .hasMessageContaining("--insert-share must be in [0, 1)");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--insert-share", "30%"}, Map.of()))
        .hasMessageContaining("--insert-share: not a number");
  }

  @Test
  void quickShrinksTheSizesButExplicitSizesWin() {
    BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--rows", "50k"}, Map.of());
    assertThat(options.rows()).isEqualTo(50_000);
    assertThat(options.updates()).isEqualTo(100_000);
    assertThat(options.latencySeconds()).isEqualTo(15);
  }

  @Test
  void readsBenchVariablesAndLetsArgumentsOverrideThem() {
    Map<String, String> env = Map.of("BENCH_UPDATES", "2,000,000", "BENCH_PHASES", "db,kup",
        "BENCH_SKIP_BUILD", "true", "KUP_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    BenchOptions options = BenchOptions.parse(new String[] {"--phases", "latency"}, env);
    assertThat(options.updates()).isEqualTo(2_000_000);
    assertThat(options.phases()).containsExactly(Phase.LATENCY);
    assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void readsRatesSeparatedByCommas() {
    BenchOptions options =
        BenchOptions.parse(new String[] {"--latency-rates", "1k,2_500,40000"}, Map.of());
    assertThat(options.latencyRates()).isEqualTo(List.of(1_000, 2_500, 40_000));
  }

  @Test
  void namesTheOptionAtFault() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--phases", "db,fast"}, Map.of()))
        .hasMessageContaining("unknown phase 'fast'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rows", "many"}, Map.of()))
        .hasMessageContaining("--rows");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--quick", "--naive-updates",
        "200k"}, Map.of())).hasMessageContaining("--naive-updates");
  }

  @Test
  void logsIntoMariaDbAsRootAndMeasuresEveryShapeWithRealCountsTwiceByDefault() {
    BenchOptions options = BenchOptions.parse(
        new String[] {"--db-url", "jdbc:mariadb://127.0.0.1:3306/test"}, Map.of());
    assertThat(options.dbUser()).isEqualTo("root");
    assertThat(options.dbShapes()).containsExactly(MariaDbShape.JDBC_BATCH,
        MariaDbShape.JDBC_BATCH_SERVER_PREPARED, MariaDbShape.VALUES_JOIN,
        MariaDbShape.JSON_TABLE);
    assertThat(options.dbRounds()).isEqualTo(2);
    assertThat(BenchOptions.parse(new String[0], Map.of()).dbUser()).isEqualTo("postgres");
  }

  @Test
  void readsMariaDbShapesInTheOrderGivenAndRounds() {
    BenchOptions options = BenchOptions.parse(new String[] {"--db-url",
        "jdbc:mariadb://h/test", "--db-shapes", "json-table, jdbc-batch-bulk", "--db-rounds",
        "3"}, Map.of("BENCH_DB_USER", "bench"));
    assertThat(options.dbShapes()).containsExactly(MariaDbShape.JSON_TABLE,
        MariaDbShape.JDBC_BATCH_BULK);
    assertThat(options.dbRounds()).isEqualTo(3);
    assertThat(options.dbUser()).isEqualTo("bench");
  }

  @Test
  void refusesMariaDbOnlyOptionsPinningAndUnknownDatabasesWhereTheyCannotApply() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-shapes", "json-table"},
        Map.of())).hasMessageContaining("--db-shapes applies to MariaDB only");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-rounds", "3"}, Map.of()))
        .hasMessageContaining("--db-rounds applies to MariaDB only");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-url", "jdbc:mariadb://h/t",
        "--cpu-modes", "both"}, Map.of())).hasMessageContaining("pinned needs PostgreSQL");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-url", "jdbc:mariadb://h/t",
        "--db-shapes", "json-table,json-table"}, Map.of())).hasMessageContaining("twice");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-url", "jdbc:mariadb://h/t",
        "--db-shapes", "upsert"}, Map.of())).hasMessageContaining("unknown shape 'upsert'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-url", "jdbc:mysql://h/t"},
        Map.of())).hasMessageContaining("--db-url");
  }
}
