package dev.kup.demo.stack;

import dev.kup.pipeline.config.RedactedUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's database: the one {@code KUP_DB_URL} names, else an embedded H2 file under the data
 * folder. Creates the {@code accounts} table the demo writes to and reads back what it holds.
 */
public final class DemoDatabase {
  static final String URL = "KUP_DB_URL";
  static final String USER = "KUP_DB_USER";
  static final String PASSWORD = "KUP_DB_PASSWORD";
  private static final Set<String> COLUMNS =
      Set.of("id", "balance", "status", "points", "updated_at", "version");

  private final String url;
  private final String user;
  private final String password;
  private final boolean embedded;

  private DemoDatabase(String url, String user, String password, boolean embedded) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  /** The database of {@code KUP_DB_URL} (with its user and password), else H2 in {@code dir}. */
  public static DemoDatabase from(Map<String, String> env, Path dir) {
    String configured = env.get(URL);
    if (configured != null && !configured.isBlank()) {
      return new DemoDatabase(configured, env.get(USER), env.get(PASSWORD), false);
    }
    // DB_CLOSE_ON_EXIT=FALSE: on Ctrl-C the service commits its last batches before the pool
    // closes the database, instead of H2's own shutdown hook closing it under them
    String h2 = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("kup") + ";DB_CLOSE_ON_EXIT=FALSE";
    return new DemoDatabase(h2, "sa", "", true);
  }

  /** Whether this is the embedded H2 file. */
  public boolean embedded() {
    return embedded;
  }

  public String url() {
    return url;
  }

  /** The service's database settings. */
  public Map<String, String> serviceSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put(URL, url);
    if (user != null) {
      settings.put(USER, user);
    }
    if (password != null) {
      settings.put(PASSWORD, password);
    }
    return settings;
  }

  /**
   * Drops and creates {@code accounts} with {@code rows} rows, ids 1..rows, all at version 0.
   *
   * @throws IllegalStateException when an {@code accounts} table with other columns exists: the
   *     demo never drops a table it did not make
   */
  public void createAccounts(int rows) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      Set<String> existing = accountsColumns(c.getMetaData());
      if (!existing.isEmpty() && !existing.equals(COLUMNS)) {
        throw new IllegalStateException("a table 'accounts' with columns " + existing
            + " exists in " + RedactedUrl.of(url)
            + "; the demo drops and re-creates only its own accounts table"
            + " (" + new TreeSet<>(COLUMNS) + "): point KUP_DB_URL at another database or schema");
      }
      if (!existing.isEmpty()) {
        s.execute("DROP TABLE accounts");
      }
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance NUMERIC(14,2) NOT NULL,"
          + " status VARCHAR(16) NOT NULL, points BIGINT NOT NULL, updated_at "
          + (mariaDb() ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE") + " NOT NULL,"
          + " version BIGINT NOT NULL)");
      if (mariaDb()) { // its sequence tables are named by their range: no bind value there
        s.executeUpdate("INSERT INTO accounts SELECT seq, 100.00, 'new', 0, UTC_TIMESTAMP(6), 0"
            + " FROM seq_1_to_" + Math.max(1, rows));
        s.execute("ANALYZE TABLE accounts");
        return;
      }
      try (PreparedStatement insert = c.prepareStatement(embedded
          ? "INSERT INTO accounts SELECT X, 100.00, 'new', 0, CURRENT_TIMESTAMP, 0"
              + " FROM SYSTEM_RANGE(1, ?)"
          : "INSERT INTO accounts SELECT g, 100.00, 'new', 0, now(), 0 FROM generate_series(1, ?) g")) {
        insert.setLong(1, rows);
        insert.executeUpdate();
      }
      if (!embedded) {
        s.execute("ANALYZE accounts");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the accounts table in " + RedactedUrl.of(url) + ": " + e, e);
    }
  }

  /** Row count, the sum of versions (= updates applied to rows made at 0) and of points. */
  public Totals totals() {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(SUM(points), 0) FROM accounts")) {
      r.next();
      return new Totals(r.getLong(1), r.getLong(2), r.getLong(3));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the accounts table in " + RedactedUrl.of(url) + ": " + e, e);
    }
  }

  /** Deletes what kup stored for a finished demo group, so runs do not pile up rows. */
  public void forgetOffsets(String groupId) {
    try (Connection c = connect();
        PreparedStatement delete = c.prepareStatement("DELETE FROM kup_offsets WHERE group_id = ?")) {
      delete.setString(1, groupId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete the offsets of " + groupId + ": " + e, e);
    }
  }

  private boolean mariaDb() {
    return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static Set<String> accountsColumns(DatabaseMetaData meta) throws SQLException {
    Set<String> columns = new TreeSet<>();
    String schema = meta.getConnection().getSchema();
    // MariaDB calls its databases catalogs: the connection's own, not every database's accounts
    String catalog = schema == null ? meta.getConnection().getCatalog() : null;
    for (String table : new String[] {"accounts", "ACCOUNTS"}) {
      try (ResultSet r = meta.getColumns(catalog, schema, table, null)) {
        while (r.next()) {
          columns.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return columns;
  }

  /**
   * What the accounts table holds.
   *
   * @param rows rows in it
   * @param versionSum the sum of their versions
   * @param pointsSum the sum of their points
   */
  public record Totals(long rows, long versionSum, long pointsSum) {}
}
