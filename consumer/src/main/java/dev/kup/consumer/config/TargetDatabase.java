package dev.kup.consumer.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * The database a JDBC URL names, and what kup does differently there: PostgreSQL gets the
 * set-based apply strategy and its session settings; every other database (H2, embedded, when no
 * PostgreSQL is configured) gets JDBC batches and no session SQL.
 *
 * @param dialect the jOOQ dialect to speak
 */
public record TargetDatabase(SQLDialect dialect) {

  public TargetDatabase {
    Objects.requireNonNull(dialect, "dialect");
  }

  /** The database of {@code jdbcUrl}; a URL jOOQ does not recognise is taken for PostgreSQL. */
  public static TargetDatabase of(String jdbcUrl) {
    SQLDialect dialect = JDBCUtils.dialect(jdbcUrl);
    return new TargetDatabase(dialect == SQLDialect.DEFAULT ? SQLDialect.POSTGRES : dialect);
  }

  public boolean isPostgres() {
    return dialect.family() == SQLDialect.POSTGRES;
  }

  /**
   * The strategy groups of updates are written with: {@code configured}, or for AUTO unnest on
   * PostgreSQL and batch elsewhere; never AUTO.
   *
   * @throws ConfigException for unnest on any database but PostgreSQL
   */
  public ApplyStrategy writeStrategy(ApplyStrategy configured) {
    return switch (configured) {
      case AUTO -> isPostgres() ? ApplyStrategy.UNNEST : ApplyStrategy.BATCH;
      case BATCH -> ApplyStrategy.BATCH;
      case UNNEST -> {
        if (!isPostgres()) {
          throw new ConfigException("KUP_APPLY_STRATEGY=unnest needs PostgreSQL, but KUP_DB_URL"
              + " names " + dialect.getName() + "; use auto or batch");
        }
        yield ApplyStrategy.UNNEST;
      }
    };
  }

  /**
   * SQL each new connection runs first, if any. On PostgreSQL: a frozen consumer must not hold
   * the partition's offset row lock forever (zombie fencing), and a set-based batch must get a
   * nested-loop plan, never a hash or merge join over the whole table (300-500 ms per batch
   * whatever its size, measured in issue 5).
   */
  public Optional<String> sessionSetup(Duration idleInTransactionTimeout) {
    if (!isPostgres()) {
      return Optional.empty();
    }
    return Optional.of("SET idle_in_transaction_session_timeout = "
        + idleInTransactionTimeout.toMillis()
        + "; SET enable_hashjoin = off; SET enable_mergejoin = off");
  }
}
