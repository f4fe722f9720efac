package dev.kup.pipeline.failure;

import dev.failsafe.CircuitBreakerOpenException;
import dev.kup.pipeline.failure.Failure.Fatal;
import dev.kup.pipeline.failure.Failure.Poison;
import dev.kup.pipeline.failure.Failure.Transient;
import dev.kup.pipeline.failure.Failure.Unclassified;
import dev.kup.schemas.DeadLetterReason;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.jooq.exception.DataTypeException;

/**
 * The one place that decides what an exception means, walking {@code getCause()} and {@link
 * SQLException#getNextException()} (PostgreSQL reports a batch's real error as the next
 * exception):
 *
 * <ul>
 *   <li>SQLSTATE class 22 (data exception), 23 (integrity violation) and jOOQ conversion errors:
 *       {@link Poison}, the row is bad;
 *   <li>classes 08 (connection), 40 (serialization failure, deadlock), 53 (resources), 57
 *       (operator intervention, e.g. 57P01 admin shutdown), 58 (system error); a lock that could
 *       not be taken in time (55P03, {@code lock_timeout}); JDBC transient and
 *       recoverable exceptions (pool timeouts); socket errors; Kafka retriable exceptions; a
 *       dead-letter topic unwritable for a reason Kafka calls retriable; an open circuit breaker:
 *       {@link Transient};
 *   <li>classes 28 (authorization), 3D/3F (unknown catalog or schema); within class 42, only
 *       a table or column the catalog named that no longer exists (42P01, 42703; H2's 42S02,
 *       42S22); Kafka authentication and authorization errors; a dead letter Kafka refuses for
 *       good (not retriable, even written without its value); a catalog that does not match the
 *       configuration: {@link Fatal}. These are the environment and the configuration, never a
 *       record: every name in kup's SQL comes from the catalog, and a letter's size is bounded;
 *   <li>the rest of class 42 (syntax, datatype mismatch, ambiguous assignment, and missing
 *       privileges: a row-level security policy refuses single rows with 42501) and class 0A
 *       (feature not supported): {@link Unclassified}. kup builds each statement from the
 *       catalog, so such an error says that something a record carries reached the statement in a
 *       shape nobody foresaw; one record must never stop every consumer, so it is retried and
 *       then isolated to the rows at fault like any unknown error (when every row fails alike,
 *       the statement is refused and the batch waits, see {@code RowIsolatingApplier});
 *   <li>H2's own SQLSTATEs (H2 reports its error code as the SQLSTATE where the standard has
 *       none): a broken connection, a closed database, a database file locked by another process,
 *       an I/O error, a write conflict or a lock timeout are {@link Transient}; a missing
 *       database or schema, a bad URL or setting, a corrupt, encrypted or other-version database
 *       file, a read-only database, missing rights and an unknown function or type are {@link
 *       Fatal}; an unsupported feature is {@link Unclassified}, as class 0A. Its standard states (22xxx, 23xxx, 42Sxx, ...)
 *       follow the classes above;
 *   <li>MariaDB's errors by the state their error number means where MariaDB reports a generic
 *       one ({@link MariaDbErrorCodes}: a lock wait timeout is class 40, a column without a
 *       default left out of an insert class 23, an unknown database 3D), then as above;
 *   <li>an exception of kup's own that says the partition is no longer this consumer's: {@link
 *       Failure.OwnershipLost};
 *   <li>anything else: {@link Unclassified}.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class PipelineErrorClassifier implements ErrorClassifier {
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
  private static final Set<String> FATAL_CLASSES = Set.of("28", "3D", "3F");
  /** Single transient states outside the transient classes. */
  private static final Set<String> TRANSIENT_STATES = Set.of(
      "55P03"); // lock_not_available: lock_timeout or NOWAIT; the lock holder will finish
  /** The environmental states of class 42: the rest of it is {@link Unclassified}. */
  private static final Set<String> FATAL_STATES = Set.of(
      "42P01", // undefined_table: the catalog's table is gone
      "42703", // undefined_column: the catalog's column is gone
      "42S02", // H2 TABLE_OR_VIEW_NOT_FOUND
      "42S22"); // H2 COLUMN_NOT_FOUND
  /** org.h2.api.ErrorCode, by name in the same order as the class comment. */
  private static final Set<String> H2_TRANSIENT_STATES = Set.of(
      "90067", // CONNECTION_BROKEN_1
      "90098", // DATABASE_IS_CLOSED
      "90121", // DATABASE_CALLED_AT_SHUTDOWN
      "90020", // DATABASE_ALREADY_OPEN_1: a previous process still holds the file
      "90135", // DATABASE_IS_IN_EXCLUSIVE_MODE
      "90028", // IO_EXCEPTION_1
      "90031", // IO_EXCEPTION_2
      "90108", // OUT_OF_MEMORY
      "90131", // CONCURRENT_UPDATE_1
      "HYT00"); // LOCK_TIMEOUT_1
  private static final Set<String> H2_FATAL_STATES = Set.of(
      "90013", // DATABASE_NOT_FOUND_1
      "90146", // DATABASE_NOT_FOUND_WITH_IF_EXISTS_1
      "90079", // SCHEMA_NOT_FOUND_1
      "90046", // URL_FORMAT_ERROR_2
      "90011", // URL_RELATIVE_TO_CWD
      "90088", // UNKNOWN_MODE_1
      "90113", // UNSUPPORTED_SETTING_1
      "90030", // FILE_CORRUPTED_1
      "90048", // FILE_VERSION_ERROR_1: a file written by another H2 version
      "90049", // FILE_ENCRYPTION_ERROR_1
      "90097", // DATABASE_IS_READ_ONLY
      "90096", // NOT_ENOUGH_RIGHTS_FOR_1
      "90022", // FUNCTION_NOT_FOUND_1
      "HY004"); // UNKNOWN_DATA_TYPE_1

  @Override
  public Failure classify(Throwable error) {
    Optional<Failure> byType = byExceptionType(error);
    if (byType.isPresent()) {
      return byType.get();
    }
    SQLException sql = mostSpecificSqlException(error);
    String state = sql == null ? null
        : MariaDbErrorCodes.meaning(sql).orElse(sql.getSQLState());
    if (state == null || state.length() < 2) {
      return sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
              || causedBy(error, IOException.class)
          ? new Transient(sql == null ? error : sql)
          : new Unclassified(sql == null ? error : sql);
    }
    if (H2_TRANSIENT_STATES.contains(state) || TRANSIENT_STATES.contains(state)) {
      return new Transient(sql);
    } else if (H2_FATAL_STATES.contains(state) || FATAL_STATES.contains(state)) {
      return new Fatal(sql);
    }
    String stateClass = state.substring(0, 2);
    if (stateClass.equals("22")) {
      return new Poison(sql, DeadLetterReason.DATA_EXCEPTION, state);
    } else if (stateClass.equals("23")) {
      return new Poison(sql, DeadLetterReason.CONSTRAINT_VIOLATION, state);
    } else if (TRANSIENT_CLASSES.contains(stateClass)) {
      return new Transient(sql);
    } else if (FATAL_CLASSES.contains(stateClass)) {
      return new Fatal(sql);
    }
    return new Unclassified(sql);
  }

  /**
   * Verdicts that the exception's type decides, before any SQLSTATE is looked at; a fatal cause
   * anywhere in the chain wins over a transient wrapper (a dead-letter send refused for lack of
   * authorization is fatal, not retriable).
   */
  private static Optional<Failure> byExceptionType(Throwable error) {
    Optional<Throwable> lost =
        firstInChain(error, t -> says(t, SelfClassifying.Verdict.OWNERSHIP_LOST));
    if (lost.isPresent()) {
      return Optional.of(new Failure.OwnershipLost(lost.get()));
    }
    Optional<Throwable> fatal = firstInChain(error, t -> says(t, SelfClassifying.Verdict.FATAL)
        || t instanceof AuthenticationException || t instanceof AuthorizationException);
    if (fatal.isPresent()) {
      return Optional.of(new Fatal(fatal.get()));
    }
    Optional<Throwable> conversion = firstInChain(error, t -> t instanceof DataTypeException);
    if (conversion.isPresent()) {
      return Optional.of(new Poison(conversion.get(), DeadLetterReason.TYPE_MISMATCH, null));
    }
    return firstInChain(error, t -> t instanceof RetriableException
            || says(t, SelfClassifying.Verdict.TRANSIENT) || t instanceof CircuitBreakerOpenException)
        .map(Transient::new);
  }

  private static boolean says(Throwable t, SelfClassifying.Verdict verdict) {
    return t instanceof SelfClassifying classified && classified.verdict() == verdict;
  }

  private static Optional<Throwable> firstInChain(Throwable error, Predicate<Throwable> test) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (test.test(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    return firstInChain(error, type::isInstance).isPresent();
  }

  /**
   * The deepest SQLException with a SQLSTATE in the cause and next-exception chains, or the first
   * SQLException when none has one, or null when there is no SQLException at all.
   */
  static SQLException mostSpecificSqlException(Throwable error) {
    SQLException first = null;
    SQLException deepestWithState = null;
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    todo.add(error);
    while (!todo.isEmpty()) {
      Throwable t = todo.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException sql) {
        first = first == null ? sql : first;
        deepestWithState = sql.getSQLState() == null ? deepestWithState : sql;
        addIfPresent(todo, sql.getNextException());
      }
      addIfPresent(todo, t.getCause());
    }
    return deepestWithState != null ? deepestWithState : first;
  }

  private static void addIfPresent(Deque<Throwable> todo, Throwable t) {
    if (t != null) {
      todo.addLast(t);
    }
  }
}
