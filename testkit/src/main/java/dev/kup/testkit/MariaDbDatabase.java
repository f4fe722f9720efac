package dev.kup.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A MariaDB database of one test class, the counterpart of {@link TestDatabase}: {@code jdbcUrl}
 * names it, so unqualified tables land there. {@link MariaDbExtension} creates it before the
 * class and drops it after the class.
 *
 * @param jdbcUrl the URL to connect with, user and password included, never null
 * @param name the database's name, a plain lower-case identifier, never null
 */
public record MariaDbDatabase(String jdbcUrl, String name) {

  public MariaDbDatabase {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:mariadb:")) {
      throw new IllegalArgumentException("jdbcUrl must be a jdbc:mariadb: URL, was " + jdbcUrl);
    }
    if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("name must be a lower-case identifier, was " + name);
    }
  }

  /** The TCP port of the server, from the JDBC URL (3306 when the URL names none). */
  public int port() {
    return TestDatabase.port(jdbcUrl, 3306);
  }

  /** Opens a new connection, which the caller closes. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  /** Returns a non-pooling data source that opens connections like {@link #connect()}. */
  public DataSource dataSource() {
    try {
      return new MariaDbDataSource(jdbcUrl);
    } catch (SQLException e) {
      throw new IllegalArgumentException("not a MariaDB URL: " + jdbcUrl, e);
    }
  }
}
