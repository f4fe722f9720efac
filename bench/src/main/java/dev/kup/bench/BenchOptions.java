package dev.kup.bench;

import dev.kup.bench.data.DatabaseEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run does, from command-line options over {@code BENCH_*} environment
 * variables over defaults (see {@link #USAGE}). Immutable; the password is never printed.
 *
 * @param dbUrl JDBC URL of PostgreSQL or MariaDB (the schema, on MariaDB the database, {@code
 *     kup_bench} is dropped and created)
 * @param dbUser database user; by default {@code postgres} on PostgreSQL, {@code root} on MariaDB
 * @param dbPassword database password; null for trust authentication
 * @param rows rows in {@code bench_accounts}
 * @param updates updates per key distribution
 * @param insertShare the share of records that insert new rows in the kup phase's extra uniform
 *     stream, in {@code [0, 1)}; 0 runs no such stream
 * @param naiveUpdates updates the naive baseline applies: the first ones of the uniform stream
 * @param latencyRates publish rates of the latency phase, per second
 * @param latencySeconds length of each latency window, the first {@link #WARM_UP_SECONDS} excluded
 * @param phases which phases run
 * @param rebalanceProtocols the group protocols the rebalance phase runs, in order
 * @param cpuModes how the cores are shared in the database and kup phases: each mode runs them;
 *     pinned needs PostgreSQL
 * @param dbShapes the statement shapes the database phase measures on MariaDB, in order
 * @param dbRounds how many times the database phase measures each shape and group size on
 *     MariaDB, alternating
 * @param bootstrapServers an existing broker ({@code KUP_BOOTSTRAP_SERVERS}); null starts one
 * @param kupJar the packaged consumer
 * @param outputDir where results.json and the child processes' logs go
 * @param seed seed of the generated streams
 * @param verbose prints the query plan of the database phase
 */
public record BenchOptions(
    String dbUrl,
    String dbUser,
    String dbPassword,
    int rows,
    int updates,
    double insertShare,
    int naiveUpdates,
    List<Integer> latencyRates,
    int latencySeconds,
    Set<Phase> phases,
    List<RebalanceProtocol> rebalanceProtocols,
    Set<CpuMode> cpuModes,
    List<MariaDbShape> dbShapes,
    int dbRounds,
    String bootstrapServers,
    Path kupJar,
    Path outputDir,
    long seed,
    boolean verbose) {

  public static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final int DEFAULT_ROWS = 1_000_000;
  public static final int DEFAULT_UPDATES = 1_000_000;
  public static final int DEFAULT_NAIVE_UPDATES = 50_000;
  public static final double DEFAULT_INSERT_SHARE = 0;
  public static final List<Integer> DEFAULT_LATENCY_RATES = List.of(5_000, 20_000);
  public static final int DEFAULT_LATENCY_SECONDS = 30;
  public static final int DEFAULT_DB_ROUNDS = 2;
  public static final int WARM_UP_SECONDS = 5;
  /**
   * Seconds the latency phase runs a fresh kup at the first rate before its first window: latency
   * is measured in steady state, and on a 2-core machine the JIT compiler is still at work for
   * tens of seconds after start (with 5 s only, the first 5,000/s window's p99 read 237 ms and
   * the next two 97 and 95 ms, one run).
   */
  public static final int PROCESS_WARM_UP_SECONDS = 30;
  public static final int QUICK_ROWS = 100_000;
  public static final int QUICK_UPDATES = 100_000;
  public static final int QUICK_NAIVE_UPDATES = 20_000;
  public static final int QUICK_LATENCY_SECONDS = 15;
  public static final long DEFAULT_SEED = 20_261_126L;

  /**
   * Variables read elsewhere, not options of the benchmark: by bench/run.sh itself, or by the kup
   * consumer's launcher (KupProcessRun).
   */
  static final Set<String> RUN_SCRIPT_VARIABLES = Set.of("BENCH_SKIP_BUILD", "BENCH_JAVA_OPTS",
      "BENCH_KUP_SETTINGS", "BENCH_KUP_JVM_OPTS");

  public static final String USAGE = """
      usage: bench/run.sh [options]     (options override BENCH_* variables)
        --quick                  100k rows, 100k updates, naive 20k, 15 s latency windows
                                 (BENCH_QUICK=true); explicit sizes still win
        --rows N                 rows in bench_accounts (BENCH_ROWS, default 1,000,000)
        --updates N              updates per key distribution (BENCH_UPDATES, default 1,000,000)
        --insert-share F         the kup phase also drains a uniform stream of which share F
                                 (e.g. 0.3) are upserts inserting new rows, after the
                                 update-only one (BENCH_INSERT_SHARE, default 0: not run)
        --naive-updates N        first N uniform updates for the naive baseline
                                 (BENCH_NAIVE_UPDATES, default 50,000)
        --phases LIST            db,kup,baselines,latency,rebalance or all (BENCH_PHASES,
                                 default all: every phase but rebalance)
        --rebalance-protocols L  the group protocols the rebalance phase runs: classic,
                                 cooperative, consumer (BENCH_REBALANCE_PROTOCOLS, default all
                                 three)
        --cpu-modes LIST         shared, pinned or both: the db and kup phases run once per mode;
                                 pinned puts PostgreSQL on core 0 and the rest on the other
                                 cores with taskset, PostgreSQL only (BENCH_CPU_MODES, default
                                 shared)
        --db-shapes LIST         MariaDB only: the statement shapes the db phase measures, of
                                 jdbc-batch, jdbc-batch-server-prep, jdbc-batch-bulk,
                                 values-join, json-table (BENCH_DB_SHAPES, default all but
                                 jdbc-batch-bulk)
        --db-rounds N            MariaDB only: rounds of every shape and group size in the db
                                 phase, alternating (BENCH_DB_ROUNDS, default 2)
        --latency-rates LIST     publish rates per second (BENCH_LATENCY_RATES, default 5000,20000)
        --latency-seconds S      length of each rate window, first 5 s excluded
                                 (BENCH_LATENCY_SECONDS, default 30)
        --db-url URL             jdbc:postgresql: or jdbc:mariadb: (BENCH_DB_URL, default
                                 jdbc:postgresql://127.0.0.1:5432/test)
        --db-user USER           (BENCH_DB_USER, default postgres; root on MariaDB)
        --db-password PASSWORD   (BENCH_DB_PASSWORD, default none)
        --kup-jar PATH           (BENCH_KUP_JAR, default consumer/target/kup-consumer.jar)
        --output DIR             results.json and logs (BENCH_OUTPUT, default bench/target)
        --seed N                 seed of the generated streams (BENCH_SEED)
        --verbose                print the database phase's query plan (BENCH_VERBOSE=true)
        KUP_BOOTSTRAP_SERVERS    use this broker instead of starting one (topic names then get
                                 a per-run suffix)
        BENCH_KUP_SETTINGS       KUP_NAME=value,... for the kup consumer (default: its defaults)
        BENCH_KUP_JVM_OPTS       extra JVM options for the kup consumer, e.g. a JFR recording
      Counts accept 1_000_000, 1,000,000, 100k and 1m (rates: 20000, 20_000 or 20k).""";

  public BenchOptions {
    positive("rows", rows);
    positive("updates", updates);
    positive("latency-seconds", latencySeconds);
    if (!(insertShare >= 0 && insertShare < 1)) {
      throw new IllegalArgumentException("--insert-share must be in [0, 1), was " + insertShare);
    }
    if (naiveUpdates < 1 || naiveUpdates > updates) {
      throw new IllegalArgumentException(
          "--naive-updates must be in 1..updates (" + updates + "), was " + naiveUpdates);
    }
    if (latencySeconds <= WARM_UP_SECONDS) {
      throw new IllegalArgumentException(
          "--latency-seconds must exceed the " + WARM_UP_SECONDS + " s warm-up, was "
              + latencySeconds);
    }
    latencyRates.forEach(rate -> positive("latency-rates", rate));
    latencyRates = List.copyOf(latencyRates);
    phases = Set.copyOf(phases);
    if (rebalanceProtocols.isEmpty()) {
      throw new IllegalArgumentException("--rebalance-protocols must name at least one protocol");
    }
    rebalanceProtocols = List.copyOf(rebalanceProtocols);
    if (cpuModes.isEmpty()) {
      throw new IllegalArgumentException("--cpu-modes must name at least one mode");
    }
    cpuModes = Set.copyOf(cpuModes);
    DatabaseEngine engine = DatabaseEngine.of(dbUrl);
    if (cpuModes.contains(CpuMode.PINNED) && engine != DatabaseEngine.POSTGRESQL) {
      throw new IllegalArgumentException("--cpu-modes pinned needs PostgreSQL; --db-url names "
          + engine.label());
    }
    if (dbShapes.isEmpty()) {
      throw new IllegalArgumentException("--db-shapes must name at least one shape");
    }
    dbShapes = List.copyOf(dbShapes);
    positive("db-rounds", dbRounds);
  }

  /**
   * Reads the options.
   *
   * @param args command-line arguments
   * @param env the environment ({@code BENCH_*}, {@code KUP_BOOTSTRAP_SERVERS})
   * @throws IllegalArgumentException naming the option at fault
   */
  public static BenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> given = fromEnvironment(env);
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--quick") || name.equals("--verbose")) {
        given.put(name.substring(2), "true");
      } else if (name.startsWith("--") && i + 1 < args.length) {
        given.put(name.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unknown or incomplete option: " + name);
      }
    }
    return from(given);
  }

  private static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> given = new HashMap<>();
    env.forEach((key, value) -> {
      if (key.startsWith("BENCH_") && !RUN_SCRIPT_VARIABLES.contains(key) && !value.isBlank()) {
        given.put(key.substring(6).toLowerCase().replace('_', '-'), value);
      }
    });
    String bootstrap = env.get("KUP_BOOTSTRAP_SERVERS");
    if (bootstrap != null && !bootstrap.isBlank()) {
      given.put("bootstrap-servers", bootstrap);
    }
    return given;
  }

  private static BenchOptions from(Map<String, String> given) {
    Map<String, String> left = new HashMap<>(given);
    boolean quick = Boolean.parseBoolean(left.remove("quick"));
    String dbUrl = text(left, "db-url", DEFAULT_DB_URL);
    DatabaseEngine engine = engine(dbUrl);
    if (engine != DatabaseEngine.MARIADB) {
      mariaDbOnly(left, "db-shapes");
      mariaDbOnly(left, "db-rounds");
    }
    BenchOptions options = new BenchOptions(
        dbUrl,
        text(left, "db-user", engine.defaultUser()),
        left.remove("db-password"),
        count(left, "rows", quick ? QUICK_ROWS : DEFAULT_ROWS),
        count(left, "updates", quick ? QUICK_UPDATES : DEFAULT_UPDATES),
        share(left, "insert-share", DEFAULT_INSERT_SHARE),
        count(left, "naive-updates", quick ? QUICK_NAIVE_UPDATES : DEFAULT_NAIVE_UPDATES),
        rates(left.remove("latency-rates")),
        count(left, "latency-seconds", quick ? QUICK_LATENCY_SECONDS : DEFAULT_LATENCY_SECONDS),
        Phase.parse(text(left, "phases", "all")),
        protocols(left.remove("rebalance-protocols")),
        CpuMode.parse(text(left, "cpu-modes", "shared")),
        shapes(left.remove("db-shapes")),
        count(left, "db-rounds", DEFAULT_DB_ROUNDS),
        left.remove("bootstrap-servers"),
        Path.of(text(left, "kup-jar", "consumer/target/kup-consumer.jar")),
        Path.of(text(left, "output", "bench/target")),
        Long.parseLong(text(left, "seed", Long.toString(DEFAULT_SEED))),
        Boolean.parseBoolean(left.remove("verbose")));
    if (!left.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s): " + left.keySet());
    }
    return options;
  }

  /** Reads 1_000_000, 1,000,000, 100k or 1m. */
  static int parseCount(String name, String text) {
    String digits = text.strip().toLowerCase().replace("_", "").replace(",", "");
    long factor = 1;
    if (digits.endsWith("k")) {
      factor = 1_000;
    } else if (digits.endsWith("m")) {
      factor = 1_000_000;
    }
    try {
      String number = factor == 1 ? digits : digits.substring(0, digits.length() - 1);
      return Math.toIntExact(Long.parseLong(number) * factor);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("--" + name + ": not a count: " + text);
    }
  }

  private static int count(Map<String, String> left, String name, int fallback) {
    String text = left.remove(name);
    return text == null ? fallback : parseCount(name, text);
  }

  private static double share(Map<String, String> left, String name, double fallback) {
    String text = left.remove(name);
    try {
      return text == null ? fallback : Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": not a number: " + text);
    }
  }

  private static String text(Map<String, String> left, String name, String fallback) {
    String text = left.remove(name);
    return text == null ? fallback : text;
  }

  private static List<Integer> rates(String text) {
    if (text == null) {
      return DEFAULT_LATENCY_RATES;
    }
    List<Integer> rates = new ArrayList<>();
    // commas separate rates here, so a rate is written 20000, 20_000 or 20k
    for (String rate : text.split(",")) {
      if (!rate.isBlank()) {
        rates.add(parseCount("latency-rates", rate));
      }
    }
    return rates;
  }

  private static DatabaseEngine engine(String dbUrl) {
    try {
      return DatabaseEngine.of(dbUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--db-url: " + e.getMessage());
    }
  }

  private static void mariaDbOnly(Map<String, String> left, String name) {
    if (left.containsKey(name)) {
      throw new IllegalArgumentException("--" + name + " applies to MariaDB only; --db-url names"
          + " PostgreSQL");
    }
  }

  private static List<MariaDbShape> shapes(String text) {
    return text == null ? MariaDbShape.defaults() : MariaDbShape.parse(text);
  }

  private static List<RebalanceProtocol> protocols(String text) {
    return text == null ? RebalanceProtocol.ALL : RebalanceProtocol.parse(text);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be positive, was " + value);
    }
  }

  @Override
  public String toString() {
    return "BenchOptions[dbUrl=" + dev.kup.pipeline.config.RedactedUrl.of(dbUrl) + ", dbUser=" + dbUser + ", rows=" + rows + ", updates="
        + updates + ", insertShare=" + insertShare + ", naiveUpdates=" + naiveUpdates + ", latencyRates=" + latencyRates
        + ", latencySeconds=" + latencySeconds + ", phases=" + phases + ", rebalanceProtocols=" + rebalanceProtocols
        + ", cpuModes=" + cpuModes + ", dbShapes=" + dbShapes + ", dbRounds=" + dbRounds
        + ", bootstrapServers="
        + bootstrapServers + ", kupJar=" + kupJar + ", seed=" + seed + "]";
  }
}
