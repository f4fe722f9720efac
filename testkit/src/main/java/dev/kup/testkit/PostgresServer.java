package dev.kup.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A PostgreSQL server the test run uses, with what shuts it down (nothing, unless a container was
 * started for the run).
 *
 * @param jdbcUrl the URL of the database that schemas are created in
 * @param user the user name, or null when the URL carries it
 * @param password the password, or null when none is needed
 * @param origin where the server came from, for messages
 * @param shutdown stops whatever was started for the run
 */
record PostgresServer(
    String jdbcUrl, String user, String password, String origin, Runnable shutdown)
    implements AutoCloseable {

  /** Opens a connection that gives up on connecting and logging in after {@code timeout}. */
  Connection connect(Duration timeout) throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
    properties.setProperty("connectTimeout", seconds);
    properties.setProperty("loginTimeout", seconds);
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  /** Returns the coordinates of {@code schema} in this server's database. */
  TestDatabase database(String schema) {
    String separator = jdbcUrl.contains("?") ? "&" : "?";
    return new TestDatabase(
        jdbcUrl + separator + "currentSchema=" + schema, user, password, schema);
  }

  @Override
  public void close() {
    shutdown.run();
  }

  @Override
  public String toString() {
    return origin + " PostgreSQL at " + jdbcUrl;
  }
}
