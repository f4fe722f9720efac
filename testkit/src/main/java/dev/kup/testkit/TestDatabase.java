package dev.kup.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL schema of one test class: {@code jdbcUrl} sets {@code currentSchema} to {@code
 * schema}, so unqualified tables land there. {@link PostgresExtension} creates the schema before
 * the class and drops it, with everything in it, after the class.
 *
 * @param jdbcUrl the URL to connect with, never null
 * @param user the user name, or null when the URL carries it
 * @param password the password, or null when the URL carries it or the server needs none
 * @param schema the schema's name, a plain lower-case identifier, never null
 */
public record TestDatabase(String jdbcUrl, String user, String password, String schema) {

  public TestDatabase {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbcUrl must be a jdbc: URL, was " + jdbcUrl);
    }
    if (schema == null || !schema.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("schema must be a lower-case identifier, was " + schema);
    }
  }

  /** Opens a new connection, which the caller closes; its search path starts at the schema. */
  /** The TCP port of the server, from the JDBC URL (5432 when the URL names none). */
  public int port() {
    return port(jdbcUrl, 5432);
  }

  /** The TCP port a {@code jdbc:…://host:port/…} URL names, or {@code otherwise}. */
  static int port(String jdbcUrl, int otherwise) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
    return m.find() ? Integer.parseInt(m.group(1)) : otherwise;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** Returns a non-pooling data source that opens connections like {@link #connect()}. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl);
    if (user != null) {
      dataSource.setUser(user);
    }
    if (password != null) {
      dataSource.setPassword(password);
    }
    return dataSource;
  }

  @Override
  public String toString() {
    return "TestDatabase[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password == null ? "null" : "***")
        + ", schema="
        + schema
        + "]";
  }
}
