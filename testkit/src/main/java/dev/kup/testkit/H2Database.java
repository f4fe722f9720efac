package dev.kup.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An H2 database of one test class, the embedded counterpart of {@link TestDatabase}. Tables
 * created without quotes land in schema {@code PUBLIC} with upper-case names, as H2 folds them.
 *
 * @param jdbcUrl the URL to connect with (user {@code sa}, no password), never null
 */
public record H2Database(String jdbcUrl) {
  static final String USER = "sa";

  public H2Database {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("jdbcUrl must be a jdbc:h2: URL, was " + jdbcUrl);
    }
  }

  /** Opens a new connection, which the caller closes. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, USER, "");
  }

  /** Returns a non-pooling data source that opens connections like {@link #connect()}. */
  public DataSource dataSource() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(jdbcUrl);
    dataSource.setUser(USER);
    dataSource.setPassword("");
    return dataSource;
  }
}
