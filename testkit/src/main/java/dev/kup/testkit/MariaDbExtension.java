package dev.kup.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class (each {@code @Nested} class too) a fresh MariaDB database of its own,
 * created before the class and dropped after it, and resolves parameters of type {@link
 * MariaDbDatabase} pointing at it. The server is {@value #URL_ENV} if set (a URL without a
 * database, e.g. {@code jdbc:mariadb://127.0.0.1:3306/?user=root}), else the local one on
 * 127.0.0.1:3306 as user root without a password; a server that does not answer fails the class
 * with a message saying so.
 */
public final class MariaDbExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  public static final String URL_ENV = "KUP_TEST_MARIADB_URL";
  private static final String LOCAL = "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=2000";
  private static final Namespace NAMESPACE = Namespace.create(MariaDbExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    MariaDbDatabase db =
        context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), MariaDbDatabase.class);
    if (db != null) {
      drop(db);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MariaDbDatabase.class;
  }

  @Override
  public MariaDbDatabase resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  /** A new, empty database named after {@code owner} (a test class or a scenario). */
  public static MariaDbDatabase create(String owner) {
    String name = PostgresExtension.schemaName(owner);
    execute("CREATE DATABASE " + name);
    return new MariaDbDatabase(serverUrl().replaceFirst("/(\\?|$)", "/" + name + "$1"), name);
  }

  /** Drops a database {@link #create} made, with everything in it. */
  public static void drop(MariaDbDatabase db) {
    execute("DROP DATABASE IF EXISTS " + db.name());
  }

  private static MariaDbDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
        testClass, key -> create(testClass.getSimpleName()), MariaDbDatabase.class);
  }

  private static String serverUrl() {
    String url = System.getenv(URL_ENV);
    return url == null || url.isBlank() ? LOCAL : url;
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(serverUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB at " + serverUrl().replaceAll("password=[^&]*", "password=***")
          + " failed on '" + sql + "'; start it, or set " + URL_ENV + " to a server that answers", e);
    }
  }
}
