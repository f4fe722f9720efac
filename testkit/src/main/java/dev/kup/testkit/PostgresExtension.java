package dev.kup.testkit;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class (each {@code @Nested} class too) a fresh PostgreSQL schema of its own,
 * created before the class and dropped with everything in it after the class, and resolves
 * parameters of type {@link TestDatabase} pointing at it.
 *
 * <p>The server is found once per test run and held in JUnit's root store: {@value
 * PostgresServerLocator#URL_ENV} if set, else a local server on 127.0.0.1:5432 (user postgres,
 * database test) if it answers within 2 s, else a Testcontainers PostgreSQL if Docker answers.
 * Without any of them every class fails at once with a message saying how to provide one.
 */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);
  private static final Duration DROP_LOCK_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_CLASS_NAME_IN_SCHEMA = 40;
  private static final System.Logger LOG = System.getLogger(PostgresExtension.class.getName());

  @Override
  public void beforeAll(ExtensionContext context) {
    schema(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClassSchema schema =
        context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), ClassSchema.class);
    if (schema != null) {
      schema.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public TestDatabase resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return schema(context).database();
  }

  /** Creates the class's schema on first use; a constructor may ask before beforeAll runs. */
  private static ClassSchema schema(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    // Keyed by class: a store lookup falls back to the enclosing class's store, and a @Nested
    // class must not inherit its outer class's schema.
    Class<?> testClass = classContext.getRequiredTestClass();
    PostgresServer server = server(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            testClass, key -> ClassSchema.create(server, schemaName(testClass)), ClassSchema.class);
  }

  private static PostgresServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            PostgresServer.class,
            key -> {
              PostgresServer located = PostgresServerLocator.locate();
              LOG.log(Level.INFO, "PostgreSQL for this test run: {0}", located);
              return located;
            },
            PostgresServer.class);
  }

  /** Returns {@code t_<simple class name, lower case>_<8 random hex digits>}. */
  static String schemaName(Class<?> testClass) {
    return schemaName(testClass.getSimpleName());
  }

  /** Returns {@code t_<owner, lower case>_<8 random hex digits>}. */
  static String schemaName(String owner) {
    String name = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String shortened = name.substring(0, Math.min(name.length(), MAX_CLASS_NAME_IN_SCHEMA));
    return "t_"
        + shortened
        + "_"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** A schema created for one test class; closing it drops the schema and all it holds. */
  private record ClassSchema(PostgresServer server, TestDatabase database)
      implements AutoCloseable {

    static ClassSchema create(PostgresServer server, String schema) {
      execute(server, "CREATE SCHEMA " + schema);
      return new ClassSchema(server, server.database(schema));
    }

    @Override
    public void close() {
      // A test that left a transaction open on the schema must not hang the run.
      execute(
          server,
          "SET lock_timeout = '" + DROP_LOCK_TIMEOUT.toMillis() + "ms'",
          "DROP SCHEMA IF EXISTS " + database.schema() + " CASCADE");
    }

    /** Runs the statements in order on one connection. */
    private static void execute(PostgresServer server, String... statements) {
      try (Connection connection = server.connect(Duration.ofSeconds(10));
          Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            "failed on " + server + ": " + String.join("; ", statements), e);
      }
    }
  }
}
