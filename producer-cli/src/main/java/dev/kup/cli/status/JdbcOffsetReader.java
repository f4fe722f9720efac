package dev.kup.cli.status;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Reads a group's rows of {@code kup_offsets} (the table {@code JooqOffsetStore} of the engine
 * writes, in the connection's current schema) with one fixed, read-only query, values bound. Opens
 * and closes one connection per call. Messages name neither the URL nor the password.
 */
final class JdbcOffsetReader {
  static final String QUERY = "SELECT partition_no, next_offset, updated_at FROM kup_offsets"
      + " WHERE group_id = ? AND topic = ?";

  private final DatabaseLogin login;
  private final Duration timeout;

  JdbcOffsetReader(DatabaseLogin login, Duration timeout) {
    this.login = login;
    this.timeout = timeout;
  }

  /**
   * The stored offsets of {@code group} for {@code topic}, by partition.
   *
   * @throws IllegalStateException when the database cannot be reached or the query fails
   */
  Map<Integer, StoredOffset.Committed> read(String group, String topic) {
    try (Connection connection = connect()) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      try {
        return query(connection, group, topic);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read kup_offsets: " + e.getMessage()
          + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }
  }

  private Map<Integer, StoredOffset.Committed> query(Connection connection, String group,
      String topic) throws SQLException {
    Map<Integer, StoredOffset.Committed> stored = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
      statement.setQueryTimeout(seconds());
      statement.setString(1, group);
      statement.setString(2, topic);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getInt(1),
              new StoredOffset.Committed(rows.getLong(2), updatedAt(rows)));
        }
      }
    }
    return stored;
  }

  /**
   * When the offset was written: a zoned timestamp, or on MariaDB, which has none, a {@code
   * DATETIME} the engine writes in UTC.
   */
  private static Instant updatedAt(ResultSet rows) throws SQLException {
    if (rows.getMetaData().getColumnTypeName(3).equalsIgnoreCase("DATETIME")) {
      return rows.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
    return rows.getObject(3, OffsetDateTime.class).toInstant();
  }

  /**
   * The drivers come from this jar's class loader, not DriverManager's: in the container image the
   * CLI runs in a class loader of its own, and DriverManager's "No suitable driver" message quotes
   * the URL, which may carry a password.
   */
  private Connection connect() throws SQLException {
    Driver driver = null;
    for (Driver candidate : ServiceLoader.load(Driver.class, getClass().getClassLoader())) {
      if (candidate.acceptsURL(login.url())) {
        driver = candidate;
        break;
      }
    }
    if (driver == null) {
      throw new SQLException("no JDBC driver accepts the database URL (kup's CLI has PostgreSQL's,"
          + " MariaDB's and H2's)");
    }
    Properties properties = new Properties();
    if (login.user() != null) {
      properties.setProperty("user", login.user());
    }
    if (login.password() != null) {
      properties.setProperty("password", login.password());
    }
    properties.setProperty("connectTimeout", String.valueOf(seconds()));
    properties.setProperty("loginTimeout", String.valueOf(seconds()));
    Connection connection = driver.connect(login.url(), properties);
    if (connection == null) {
      throw new SQLException("the JDBC driver refused the database URL");
    }
    return connection;
  }

  private int seconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }
}
