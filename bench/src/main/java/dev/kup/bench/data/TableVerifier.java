package dev.kup.bench.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Checks that {@code bench_accounts} equals an {@link ExpectedState} exactly. On PostgreSQL it
 * loads the expected rows into a temporary table with {@code COPY} and compares version, points
 * and status of every row in one full outer join; MariaDB has neither, so there the table is read
 * in id order and merged with the expected rows in this JVM ({@link RowComparison}). Not
 * thread-safe.
 */
public final class TableVerifier {

  private static final int COPY_CHUNK_ROWS = 50_000;
  private static final int FETCH_ROWS = 10_000;
  private static final int EXAMPLES = 5;
  private static final String DIFFERS =
      " FROM expected e FULL JOIN " + Dataset.TABLE + " t ON t.id = e.id"
          + " WHERE e.id IS NULL OR t.id IS NULL OR t.version <> e.version"
          + " OR t.points <> e.points OR t.status <> e.status";

  private final BenchDatabase database;

  public TableVerifier(BenchDatabase database) {
    this.database = database;
  }

  public Verification verify(ExpectedState expected) throws SQLException, IOException {
    return database.engine() == DatabaseEngine.MARIADB ? readAndCompare(expected)
        : compareInDatabase(expected);
  }

  private Verification readAndCompare(ExpectedState expected) throws SQLException {
    RowComparison comparison = new RowComparison(expected);
    try (Connection connection = database.connect();
        Statement sql = connection.createStatement()) {
      sql.setFetchSize(FETCH_ROWS); // streams the rows instead of holding the whole table
      try (ResultSet rows = sql.executeQuery("SELECT id, version, points, status FROM "
          + Dataset.TABLE + " ORDER BY id")) {
        while (rows.next()) {
          comparison.row(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getString(4));
        }
      }
    }
    return comparison.result();
  }

  private Verification compareInDatabase(ExpectedState expected)
      throws SQLException, IOException {
    try (Connection connection = database.connect();
        Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE TEMPORARY TABLE expected (id BIGINT PRIMARY KEY, version BIGINT NOT NULL,"
              + " points BIGINT NOT NULL, status VARCHAR(16) NOT NULL)");
      copyExpected(connection.unwrap(PGConnection.class).getCopyAPI(), expected);
      sql.execute("ANALYZE expected");
      return new Verification(expected.rows(), countDiffering(sql), examples(sql));
    }
  }

  private static void copyExpected(CopyManager copy, ExpectedState expected)
      throws SQLException, IOException {
    for (int from = 1; from <= expected.rows(); from += COPY_CHUNK_ROWS) {
      int to = Math.min(expected.rows(), from + COPY_CHUNK_ROWS - 1);
      copy.copyIn("COPY expected (id, version, points, status) FROM STDIN", chunk(expected, from,
          to));
    }
  }

  private static Reader chunk(ExpectedState expected, int from, int to) {
    StringBuilder text = new StringBuilder((to - from + 1) * 32);
    for (int id = from; id <= to; id++) {
      text.append(id).append('\t').append(expected.version(id)).append('\t')
          .append(expected.points(id)).append('\t').append(expected.status(id)).append('\n');
    }
    return new StringReader(text.toString());
  }

  private static long countDiffering(Statement sql) throws SQLException {
    try (ResultSet count = sql.executeQuery("SELECT count(*)" + DIFFERS)) {
      count.next();
      return count.getLong(1);
    }
  }

  private static List<String> examples(Statement sql) throws SQLException {
    List<String> examples = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(
        "SELECT coalesce(e.id, t.id), e.version, e.points, e.status, t.version, t.points,"
            + " t.status" + DIFFERS + " ORDER BY 1 LIMIT " + EXAMPLES)) {
      while (rows.next()) {
        examples.add(rows.getLong(1) + ": expected v" + rows.getString(2) + "/" + rows.getString(3)
            + "/" + rows.getString(4) + " got v" + rows.getString(5) + "/" + rows.getString(6)
            + "/" + rows.getString(7));
      }
    }
    return examples;
  }
}
