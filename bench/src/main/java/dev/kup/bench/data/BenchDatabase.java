package dev.kup.bench.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the benchmark's PostgreSQL is and how to log in; every benchmark table lives in the schema
 * {@value #SCHEMA}. Immutable; the password is never printed.
 *
 * @param url JDBC URL of the database, without a schema; non-null
 * @param user non-null
 * @param password nullable (trust authentication)
 */
public record BenchDatabase(String url, String user, String password) {

  /** The schema the benchmark drops and creates; kup keeps its {@code kup_offsets} there too. */
  public static final String SCHEMA = "kup_bench";

  public BenchDatabase {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("db url must be a jdbc:postgresql: URL, was " + url);
    }
  }

  /** The URL with {@code currentSchema=kup_bench}, as kup and the benchmark's clients use it. */
  public String schemaUrl() {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
  }

  /** A new connection whose search path is {@value #SCHEMA}; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(schemaUrl(), user, password);
  }

  /** A new connection without a schema set, for creating the schema. */
  public Connection connectToDatabase() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public String toString() {
    return "BenchDatabase[url=" + url + ", user=" + user + ", password=" + (password == null
        ? "none" : "***") + "]";
  }
}
