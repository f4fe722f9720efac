package dev.kup.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class (each {@code @Nested} class too) a fresh in-memory H2 database of its
 * own, the embedded counterpart of {@link PostgresExtension}, and resolves parameters of type
 * {@link H2Database} pointing at it. The database lives from first use until the class ends
 * ({@code DB_CLOSE_DELAY=-1}: it survives between connections), and is then shut down, which
 * discards it. Nothing to locate or start: H2 runs inside the test JVM.
 */
public final class H2Extension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(H2Extension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    H2Database db =
        context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), H2Database.class);
    if (db != null) {
      shutdown(db);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == H2Database.class;
  }

  @Override
  public H2Database resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  /** Names the class's database on first use; a constructor may ask before beforeAll runs. */
  private static H2Database database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    // keyed by class, as in PostgresExtension: a @Nested class gets its own database
    Class<?> testClass = classContext.getRequiredTestClass();
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            testClass,
            key -> new H2Database(
                "jdbc:h2:mem:" + PostgresExtension.schemaName(testClass) + ";DB_CLOSE_DELAY=-1"),
            H2Database.class);
  }

  private static void shutdown(H2Database db) {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("failed to shut down " + db.jdbcUrl(), e);
    }
  }
}
