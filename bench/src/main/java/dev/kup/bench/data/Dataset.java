package dev.kup.bench.data;

import dev.kup.localkit.stream.TableRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shared dataset in {@value BenchDatabase#SCHEMA}: {@code bench_accounts} with rows
 * {@code 1..rows} at version 1, and a pristine copy {@code bench_template} that every phase starts
 * from. Not thread-safe.
 */
public final class Dataset {

  /** The table every update targets. */
  public static final String TABLE = "bench_accounts";

  /** The version of every row before a phase. */
  public static final long FIRST_VERSION = 1;

  private static final String COLUMNS =
      "(id BIGINT PRIMARY KEY, balance NUMERIC(14,2) NOT NULL DEFAULT 0,"
          + " status VARCHAR(16) NOT NULL, points BIGINT NOT NULL DEFAULT 0,"
          + " version BIGINT NOT NULL)";

  private final BenchDatabase database;
  private final int rows;

  public Dataset(BenchDatabase database, int rows) {
    this.database = database;
    this.rows = rows;
  }

  /** Drops and creates the schema, fills the template, and resets the table from it. */
  public void create() throws SQLException {
    boolean mariaDb = database.engine() == DatabaseEngine.MARIADB;
    try (Connection connection = database.connectToDatabase();
        Statement sql = connection.createStatement()) {
      String schema = mariaDb ? "DATABASE " : "SCHEMA ";
      sql.execute("DROP " + schema + "IF EXISTS " + BenchDatabase.SCHEMA
          + (mariaDb ? "" : " CASCADE"));
      sql.execute("CREATE " + schema + BenchDatabase.SCHEMA);
    }
    try (Connection connection = database.connect();
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE bench_template " + COLUMNS);
      sql.execute("CREATE TABLE " + TABLE + " " + COLUMNS);
      // MariaDB's Sequence engine provides seq_1_to_N, its generate_series
      sql.execute(
          "INSERT INTO bench_template (id, balance, status, points, version)"
              + " SELECT g, 0, '" + ExpectedState.INITIAL_STATUS + "', 0, " + FIRST_VERSION
              + (mariaDb ? " FROM (SELECT seq AS g FROM seq_1_to_" + rows + ") AS s"
                  : " FROM generate_series(1, " + rows + ") AS g"));
      analyze(sql, "bench_template");
    }
    reset();
  }

  /**
   * Puts {@code bench_accounts} back to the template ({@code TRUNCATE}, {@code INSERT … SELECT},
   * {@code ANALYZE}) and flushes it, so one phase's dirty pages are not written during the next:
   * {@code CHECKPOINT} on PostgreSQL, {@code FLUSH TABLES … FOR EXPORT} on MariaDB (InnoDB writes
   * the table's dirty pages before it returns).
   */
  public void reset() throws SQLException {
    try (Connection connection = database.connect();
        Statement sql = connection.createStatement()) {
      sql.execute("TRUNCATE " + TABLE);
      sql.execute("INSERT INTO " + TABLE + " SELECT * FROM bench_template");
      analyze(sql, TABLE);
      flush(sql);
    }
  }

  public int rows() {
    return rows;
  }

  /** The rows a stream of {@code rows} updates: {@value #TABLE}, all at {@value #FIRST_VERSION}. */
  public static TableRows tableRows(int rows) {
    return new TableRows(TABLE, rows, FIRST_VERSION);
  }

  private void analyze(Statement sql, String table) throws SQLException {
    sql.execute((database.engine() == DatabaseEngine.MARIADB ? "ANALYZE TABLE " : "ANALYZE ")
        + table);
  }

  private void flush(Statement sql) {
    try {
      if (database.engine() == DatabaseEngine.MARIADB) {
        sql.execute("FLUSH TABLES " + TABLE + " FOR EXPORT");
        sql.execute("UNLOCK TABLES");
      } else {
        sql.execute("CHECKPOINT");
      }
    } catch (SQLException notPrivileged) {
      // only steadier numbers are lost: the phase still starts from the same rows
    }
  }
}
