package dev.kup.bench.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the benchmark's database is and how to log in; every benchmark table lives in {@value
 * #SCHEMA}: a schema of the URL's database on PostgreSQL, a database of its own on MariaDB.
 * Immutable; the password is never printed.
 *
 * @param url JDBC URL of the database, {@code jdbc:postgresql:} or {@code jdbc:mariadb:}, without
 *     {@value #SCHEMA}; non-null
 * @param user non-null
 * @param password nullable (trust authentication, or MariaDB's root without one)
 */
public record BenchDatabase(String url, String user, String password) {

  /** The schema the benchmark drops and creates; kup keeps its {@code kup_offsets} there too. */
  public static final String SCHEMA = "kup_bench";

  public BenchDatabase {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    DatabaseEngine.of(url);
  }

  public DatabaseEngine engine() {
    return DatabaseEngine.of(url);
  }

  /**
   * The URL that lands unqualified tables in {@value #SCHEMA}, as kup and the benchmark's clients
   * use it: {@code currentSchema=kup_bench} on PostgreSQL, the database {@code kup_bench} in place
   * of the URL's on MariaDB.
   */
  public String schemaUrl() {
    return switch (engine()) {
      case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
      case MARIADB -> withDatabase(url, SCHEMA);
    };
  }

  /** A new connection in {@value #SCHEMA}; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(schemaUrl(), user, password);
  }

  /**
   * A new connection in {@value #SCHEMA} with driver options added; the caller closes it.
   *
   * @param driverOptions {@code key=value&…}, or empty
   */
  public Connection connect(String driverOptions) throws SQLException {
    return DriverManager.getConnection(schemaUrl(driverOptions), user, password);
  }

  /** {@link #schemaUrl()} with {@code driverOptions} ({@code key=value&…}, or empty) added. */
  public String schemaUrl(String driverOptions) {
    String schemaUrl = schemaUrl();
    return driverOptions.isEmpty() ? schemaUrl
        : schemaUrl + (schemaUrl.contains("?") ? "&" : "?") + driverOptions;
  }

  /** A new connection to the URL as given, for creating {@value #SCHEMA}. */
  public Connection connectToDatabase() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * A MariaDB URL naming {@code database} instead of its own, hosts and options kept: {@code
   * jdbc:mariadb://h:3306/test?user=root} becomes {@code
   * jdbc:mariadb://h:3306/kup_bench?user=root}; a URL without a database gets one.
   */
  static String withDatabase(String mariaDbUrl, String database) {
    int authority = mariaDbUrl.indexOf("//");
    if (authority < 0) {
      throw new IllegalArgumentException("not a jdbc:mariadb://host/... URL: " + mariaDbUrl);
    }
    int query = mariaDbUrl.indexOf('?', authority);
    int end = query < 0 ? mariaDbUrl.length() : query;
    int path = mariaDbUrl.indexOf('/', authority + 2);
    int hostsEnd = path < 0 || path > end ? end : path;
    return mariaDbUrl.substring(0, hostsEnd) + "/" + database + mariaDbUrl.substring(end);
  }

  @Override
  public String toString() {
    return "BenchDatabase[url=" + url + ", user=" + user + ", password=" + (password == null
        ? "none" : "***") + "]";
  }
}
