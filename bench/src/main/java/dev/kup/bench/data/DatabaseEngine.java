package dev.kup.bench.data;

import java.util.Arrays;

/**
 * The databases the benchmark runs against, told apart by the JDBC URL's scheme. PostgreSQL keeps
 * the benchmark's tables in a schema of the given database; MariaDB, where a schema is a
 * database, in a database of their own on the same server.
 */
public enum DatabaseEngine {
  POSTGRESQL("PostgreSQL", "jdbc:postgresql:", "postgres", "SHOW server_version"),
  MARIADB("MariaDB", "jdbc:mariadb:", "root", "SELECT VERSION()");

  private final String label;
  private final String urlPrefix;
  private final String defaultUser;
  private final String versionQuery;

  DatabaseEngine(String label, String urlPrefix, String defaultUser, String versionQuery) {
    this.label = label;
    this.urlPrefix = urlPrefix;
    this.defaultUser = defaultUser;
    this.versionQuery = versionQuery;
  }

  /**
   * The engine {@code jdbcUrl} names.
   *
   * @throws IllegalArgumentException for a URL of another database
   */
  public static DatabaseEngine of(String jdbcUrl) {
    return Arrays.stream(values()).filter(e -> jdbcUrl.startsWith(e.urlPrefix)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("db url must be a jdbc:postgresql: or"
            + " jdbc:mariadb: URL, was " + jdbcUrl));
  }

  /** For people: {@code PostgreSQL}, {@code MariaDB}. */
  public String label() {
    return label;
  }

  /** The user the benchmark logs in as when none is given. */
  public String defaultUser() {
    return defaultUser;
  }

  /** A query whose one value is the server's version. */
  public String versionQuery() {
    return versionQuery;
  }
}
