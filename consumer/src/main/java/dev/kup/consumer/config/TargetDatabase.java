package dev.kup.consumer.config;

import dev.kup.pipeline.dialect.MariaDbFamily;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * The database a JDBC URL names, and what kup does differently there: PostgreSQL gets the
 * set-based apply strategy and its session settings; MariaDB (and MySQL, through the MariaDB
 * driver) gets its own set-based strategy, READ COMMITTED and session settings of its own; H2 (embedded, when
 * no other database is configured) gets JDBC batches and no session SQL.
 *
 * @param dialect the jOOQ dialect to speak
 */
public record TargetDatabase(SQLDialect dialect) {
  private static final Pattern BULK_STATEMENTS =
      Pattern.compile("(?i)[?&;]useBulkStmts(ForInserts)?=(true|on|1)\\b");

  public TargetDatabase {
    Objects.requireNonNull(dialect, "dialect");
  }

  /** The database of {@code jdbcUrl}; a URL jOOQ does not recognise is taken for PostgreSQL. */
  public static TargetDatabase of(String jdbcUrl) {
    SQLDialect dialect = JDBCUtils.dialect(jdbcUrl);
    return new TargetDatabase(dialect == SQLDialect.DEFAULT ? SQLDialect.POSTGRES : dialect);
  }

  /**
   * Refuses a MariaDB URL that turns on the driver's bulk protocol: its batches answer {@code
   * SUCCESS_NO_INFO} (-2) for every row, and kup must know which of a batch's updates applied.
   *
   * @throws ConfigException naming the option, never the URL (it may carry a password)
   */
  static void requireRowCounts(String jdbcUrl) {
    if (BULK_STATEMENTS.matcher(jdbcUrl).find()) {
      throw new ConfigException("KUP_DB_URL turns on useBulkStmts, whose batches report no count"
          + " per row (-2); kup needs one per row to tell applied from conflicting updates:"
          + " remove the option");
    }
  }

  public boolean isPostgres() {
    return dialect.family() == SQLDialect.POSTGRES;
  }

  /** MariaDB, or MySQL spoken to through the MariaDB driver. */
  public boolean isMariaDbFamily() {
    return MariaDbFamily.includes(dialect);
  }

  /**
   * The isolation level every connection is set to, as HikariCP names it, if not the database's
   * default: READ COMMITTED on MariaDB, whose REPEATABLE READ default takes gap locks that would
   * serialize partitions writing neighbouring keys. kup needs no more than READ COMMITTED: each
   * row's update checks its version, and each batch claims its partition's offset row first.
   */
  public Optional<String> transactionIsolation() {
    return isMariaDbFamily() ? Optional.of("TRANSACTION_READ_COMMITTED") : Optional.empty();
  }

  /**
   * The strategy groups of updates are written with: {@code configured}, or for AUTO unnest on
   * PostgreSQL, values on MariaDB and batch elsewhere; never AUTO.
   *
   * @throws ConfigException for unnest on any database but PostgreSQL, values on any but MariaDB
   */
  public ApplyStrategy writeStrategy(ApplyStrategy configured) {
    return switch (configured) {
      case AUTO -> isPostgres() ? ApplyStrategy.UNNEST
          : isMariaDbFamily() ? ApplyStrategy.VALUES : ApplyStrategy.BATCH;
      case BATCH -> ApplyStrategy.BATCH;
      case UNNEST -> only(isPostgres(), configured, "PostgreSQL");
      case VALUES -> only(isMariaDbFamily(), configured, "MariaDB or MySQL");
    };
  }

  private ApplyStrategy only(boolean here, ApplyStrategy strategy, String databases) {
    if (!here) {
      throw new ConfigException("KUP_APPLY_STRATEGY=" + strategy.name().toLowerCase(Locale.ROOT)
          + " needs " + databases + ", but KUP_DB_URL names " + dialect.getName()
          + "; use auto or batch");
    }
    return strategy;
  }

  /**
   * SQL each new connection runs first, if any. On PostgreSQL: a frozen consumer must not hold
   * the partition's offset row lock forever (zombie fencing), and a set-based batch must get a
   * nested-loop plan, never a hash or merge join over the whole table (300-500 ms per batch
   * whatever its size, measured in issue 5).
   */
  public Optional<String> sessionSetup(Duration idleInTransactionTimeout) {
    if (isMariaDbFamily()) {
      return Optional.of(mariaDbSessionSetup(idleInTransactionTimeout));
    }
    if (!isPostgres()) {
      return Optional.empty();
    }
    return Optional.of("SET idle_in_transaction_session_timeout = "
        + idleInTransactionTimeout.toMillis()
        + "; SET enable_hashjoin = off; SET enable_mergejoin = off");
  }

  /**
   * One statement, as HikariCP runs one: strict SQL modes on every table, so that a value the
   * catalog's limits missed is refused, never clipped (MariaDB otherwise stores a truncated value
   * with a warning on a non-transactional table, and a zero or impossible date), whatever the
   * server's default; and, on MariaDB, the idle-in-transaction limit that fences a frozen
   * consumer (in whole seconds, at least one). MySQL has no such variable: there its new owner
   * waits out {@code innodb_lock_wait_timeout} and retries.
   */
  private String mariaDbSessionSetup(Duration idleInTransactionTimeout) {
    String modes = "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
        + "NO_ZERO_DATE,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'";
    if (dialect.family() != SQLDialect.MARIADB) {
      return modes;
    }
    long seconds = Math.max(1, (idleInTransactionTimeout.toMillis() + 999) / 1000);
    return modes + ", idle_transaction_timeout = " + seconds;
  }
}
