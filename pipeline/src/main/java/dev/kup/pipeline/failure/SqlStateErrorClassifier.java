package dev.kup.pipeline.failure;

import dev.kup.pipeline.failure.Failure.Fatal;
import dev.kup.pipeline.failure.Failure.Poison;
import dev.kup.pipeline.failure.Failure.Transient;
import dev.kup.schemas.DeadLetterReason;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Classifies by SQLSTATE, found by walking {@code getCause()} and {@link
 * SQLException#getNextException()} (PostgreSQL reports a batch's real error as the next
 * exception). Classes 22 (data exception) and 23 (integrity violation) are poison; 28 (auth), 3D/3F
 * (unknown catalog/schema) and 42 (syntax, undefined table or column) are fatal; everything else,
 * including no SQLSTATE at all, is transient, so an unknown failure is retried rather than
 * dead-lettered. Stateless and thread-safe.
 */
public final class SqlStateErrorClassifier implements ErrorClassifier {

  @Override
  public Failure classify(Throwable error) {
    SQLException sql = mostSpecificSqlException(error);
    String state = sql == null ? null : sql.getSQLState();
    if (state == null || state.length() < 2) {
      return new Transient(sql == null ? error : sql);
    }
    return switch (state.substring(0, 2)) {
      case "22" -> new Poison(sql, DeadLetterReason.DATA_EXCEPTION, state);
      case "23" -> new Poison(sql, DeadLetterReason.CONSTRAINT_VIOLATION, state);
      case "28", "3D", "3F", "42" -> new Fatal(sql);
      default -> new Transient(sql);
    };
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
