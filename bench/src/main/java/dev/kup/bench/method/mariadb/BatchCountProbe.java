package dev.kup.bench.method.mariadb;

import dev.kup.bench.data.BenchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks Connector/J which of its batch options give one real update count per row, as kup needs:
 * per option set, one JDBC batch of four version-checked updates on a scratch table of three rows,
 * of which the second expects a wrong version and the fourth names no row, so real counts read
 * {@code [1, 0, 1, 0]}. Leaves nothing behind.
 */
public final class BatchCountProbe {

  /** The option sets asked about, as URL options; the empty one is the driver's defaults. */
  public static final List<String> OPTION_SETS = List.of("", "useServerPrepStmts=true",
      "useBulkStmts=true", "useBulkStmts=true&useServerPrepStmts=true",
      "useBulkStmts=false&useBulkStmtsForInserts=false");

  static final int[] REAL_COUNTS = {1, 0, 1, 0};
  private static final String TABLE = "bench_count_probe";
  private static final long[][] UPDATES = {{1, 1}, {2, 7}, {3, 1}, {99, 1}};

  private final BenchDatabase database;

  public BatchCountProbe(BenchDatabase database) {
    this.database = database;
  }

  /** Per option set ({@code driver defaults} for the empty one), the counts and what they are. */
  public Map<String, Answer> run() throws SQLException {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (String options : OPTION_SETS) {
      answers.put(options.isEmpty() ? "driver defaults" : options, ask(options));
    }
    return answers;
  }

  private Answer ask(String options) throws SQLException {
    try (Connection connection = database.connect(options);
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE OR REPLACE TABLE " + TABLE
          + " (id BIGINT PRIMARY KEY, status VARCHAR(16), points BIGINT, version BIGINT)");
      try {
        sql.execute("INSERT INTO " + TABLE + " VALUES (1,'new',0,1),(2,'new',0,1),(3,'new',0,1)");
        connection.setAutoCommit(false);
        int[] counts = batch(connection);
        connection.commit();
        return new Answer(counts, Arrays.equals(counts, REAL_COUNTS),
            connection.getMetaData().getDriverVersion());
      } finally {
        connection.setAutoCommit(true);
        sql.execute("DROP TABLE " + TABLE);
      }
    }
  }

  private static int[] batch(Connection connection) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        WaveWriter.UPDATE.replace("bench_accounts", TABLE))) {
      for (long[] row : UPDATES) {
        update.setString(1, "probe");
        update.setLong(2, 1);
        update.setLong(3, row[0]);
        update.setLong(4, row[1]);
        update.addBatch();
      }
      return update.executeBatch();
    }
  }

  /**
   * @param counts what executeBatch returned
   * @param perRow whether they are the real counts, one per row
   * @param driverVersion Connector/J's version
   */
  public record Answer(int[] counts, boolean perRow, String driverVersion) {

    /** {@code [1, 0, 1, 0] per row} or {@code [-2 ×4] SUCCESS_NO_INFO}, for a note. */
    public String describe() {
      return BatchCounts.describe(counts) + (perRow ? " per row"
          : Arrays.stream(counts).allMatch(c -> c == Statement.SUCCESS_NO_INFO)
              ? " SUCCESS_NO_INFO" : " not per row");
    }
  }
}
