package dev.kup.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds the PostgreSQL server for a test run: the one named by {@value #URL_ENV}, else a local
 * server on 127.0.0.1:5432, else a Testcontainers one; fails with instructions when none exists.
 */
final class PostgresServerLocator {

  static final String URL_ENV = "KUP_TEST_DB_URL";
  static final String USER_ENV = "KUP_TEST_DB_USER";
  static final String PASSWORD_ENV = "KUP_TEST_DB_PASSWORD";
  static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String LOCAL_USER = "postgres";
  static final String CONTAINER_IMAGE = "postgres:15-alpine";
  private static final Duration LOCAL_PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration GIVEN_SERVER_TIMEOUT = Duration.ofSeconds(10);

  private PostgresServerLocator() {}

  /**
   * Returns a server that answered a connection.
   *
   * @throws IllegalStateException saying how to provide a server, when none answers
   */
  static PostgresServer locate() {
    String url = System.getenv(URL_ENV);
    if (url != null && !url.isBlank()) {
      PostgresServer given =
          new PostgresServer(
              url.strip(), System.getenv(USER_ENV), System.getenv(PASSWORD_ENV), URL_ENV, () -> {});
      probe(given, GIVEN_SERVER_TIMEOUT);
      return given;
    }
    PostgresServer local = new PostgresServer(LOCAL_URL, LOCAL_USER, null, "local", () -> {});
    try {
      probe(local, LOCAL_PROBE_TIMEOUT);
      return local;
    } catch (IllegalStateException localAbsent) {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return startContainer();
      }
      throw new IllegalStateException(noServerMessage(), localAbsent);
    }
  }

  private static void probe(PostgresServer server, Duration timeout) {
    try (Connection connection = server.connect(timeout)) {
      connection.isValid((int) timeout.toSeconds());
    } catch (SQLException e) {
      throw new IllegalStateException(server + " does not answer: " + e.getMessage(), e);
    }
  }

  private static PostgresServer startContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
    container.start();
    return new PostgresServer(
        container.getJdbcUrl(),
        container.getUsername(),
        container.getPassword(),
        "Testcontainers",
        container::stop);
  }

  private static String noServerMessage() {
    return "No PostgreSQL for the tests. Provide one of:\n"
        + "  1. an existing server: set "
        + URL_ENV
        + "=jdbc:postgresql://HOST:PORT/DATABASE"
        + " (and "
        + USER_ENV
        + ", "
        + PASSWORD_ENV
        + " if it needs them);\n"
        + "  2. a local server on 127.0.0.1:5432 where user '"
        + LOCAL_USER
        + "' can log in"
        + " without a password to database 'test'\n"
        + "     (Debian: apt-get install postgresql; set 'trust' for 127.0.0.1 in pg_hba.conf;"
        + " createdb -U postgres test);\n"
        + "  3. Docker, so Testcontainers can start "
        + CONTAINER_IMAGE
        + ".";
  }
}
