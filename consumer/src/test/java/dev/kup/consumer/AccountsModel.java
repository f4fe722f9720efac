package dev.kup.consumer;

import dev.kup.localkit.stream.ChainedUpdate;
import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.TableRows;
import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.schemas.UpdateRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The {@code accounts} table of the tests and an independent model of what it must hold after a
 * stream of updates: the test computes the expected state itself, never from the service. The
 * updates come from the shared {@link UpdateGenerator} (uniform rows, versions chained row by row)
 * and increment {@code points} (non-idempotent on purpose: a double application shows).
 */
final class AccountsModel {
  static final long INITIAL_VERSION = 1;

  private final UpdateGenerator generator;
  private final long[] points;
  private final String[] status;

  /** A model whose random updates follow seed 0; for tests that choose their updates. */
  AccountsModel(int rows) {
    this(rows, 0);
  }

  /** A model whose {@link #nextUpdate()} draws rows and increments from {@code seed}. */
  AccountsModel(int rows, long seed) {
    generator = new UpdateGenerator(new TableRows("accounts", rows, INITIAL_VERSION),
        KeyDistribution.UNIFORM.sampler(rows), seed);
    points = new long[rows + 1];
    status = new String[rows + 1];
    for (int id = 1; id <= rows; id++) {
      status[id] = "new";
    }
  }

  int rows() {
    return generator.rows().rows();
  }

  /** Creates the table and its rows at version 1, on PostgreSQL or MariaDB. */
  static void createTable(DSLContext dsl, int rows) {
    boolean mariaDb = dsl.family() == org.jooq.SQLDialect.MARIADB;
    dsl.execute("DROP TABLE IF EXISTS accounts");
    dsl.execute("""
        CREATE TABLE accounts (
          id BIGINT PRIMARY KEY,
          balance NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
          status VARCHAR(16) NOT NULL,
          points BIGINT NOT NULL DEFAULT 0,
          updated_at %s,
          version BIGINT NOT NULL)""".formatted(mariaDb ? "TIMESTAMP(6) NULL" : "TIMESTAMPTZ"));
    dsl.execute("INSERT INTO accounts (id, status, version) SELECT g, 'new', " + INITIAL_VERSION
        + (mariaDb ? " FROM (SELECT seq AS g FROM seq_1_to_" + rows + ") s"
            : " FROM generate_series(1, " + rows + ") g"));
  }

  /** The next valid update of a random row: expects its current version, increments points. */
  UpdateRecord nextUpdate() {
    return recorded(generator.next());
  }

  /** A valid update of the given row, recorded in the model. */
  UpdateRecord updateOf(int id, long delta, String newStatus) {
    return recorded(generator.next(id, delta, newStatus));
  }

  /** The version the row must be at once every update so far is applied. */
  long version(int id) {
    return generator.version(id);
  }

  /**
   * Updates lost and applied twice, counted by version: {lost, duplicated}. A lost update leaves
   * its row behind the model's version; a duplicate would push it ahead.
   */
  long[] lostAndDuplicated(DSLContext dsl) {
    long lost = 0;
    long duplicated = 0;
    Map<Long, Record> actual = dsl.fetch("SELECT id, version FROM accounts")
        .intoMap(r -> r.get("id", Long.class));
    for (int id = 1; id <= rows(); id++) {
      Record r = actual.get((long) id);
      long v = r == null ? 0 : r.get("version", Long.class);
      lost += Math.max(0, version(id) - v);
      duplicated += Math.max(0, v - version(id));
    }
    return new long[] {lost, duplicated};
  }

  /** Lists every row whose state differs from the model; empty when the table is exact. */
  List<String> differences(DSLContext dsl) {
    List<String> diffs = new ArrayList<>();
    Map<Long, Record> actual = dsl.fetch("SELECT id, status, points, version FROM accounts")
        .intoMap(r -> r.get("id", Long.class));
    for (int id = 1; id <= rows(); id++) {
      Record r = actual.get((long) id);
      if (r == null) {
        diffs.add("row " + id + " missing");
        continue;
      }
      long v = r.get("version", Long.class);
      long p = r.get("points", Long.class);
      String s = r.get("status", String.class);
      if (v != version(id) || p != points[id] || !s.equals(status[id])) {
        diffs.add("row " + id + ": expected (v" + version(id) + ", points " + points[id] + ", " + status[id]
            + ") but was (v" + v + ", points " + p + ", " + s + ")");
      }
    }
    return diffs;
  }

  private UpdateRecord recorded(ChainedUpdate update) {
    int id = (int) update.id();
    points[id] += update.points();
    status[id] = update.status();
    return update.record();
  }
}
