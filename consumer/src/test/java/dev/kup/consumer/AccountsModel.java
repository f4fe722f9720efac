package dev.kup.consumer;

import dev.kup.schemas.UpdateRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The {@code accounts} table of the tests and an independent model of what it must hold after a
 * stream of updates: the test computes the expected state itself, never from the service.
 * Updates increment {@code points} (non-idempotent on purpose: a double application shows) and
 * chain versions row by row.
 */
final class AccountsModel {
  static final long INITIAL_VERSION = 1;

  private final long[] version;
  private final long[] points;
  private final String[] status;

  AccountsModel(int rows) {
    version = new long[rows + 1];
    points = new long[rows + 1];
    status = new String[rows + 1];
    for (int id = 1; id <= rows; id++) {
      version[id] = INITIAL_VERSION;
      status[id] = "new";
    }
  }

  int rows() {
    return version.length - 1;
  }

  /** Creates the table and its rows at version 1. */
  static void createTable(DSLContext dsl, int rows) {
    dsl.execute("DROP TABLE IF EXISTS accounts");
    dsl.execute("""
        CREATE TABLE accounts (
          id BIGINT PRIMARY KEY,
          balance NUMERIC(14,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
          status VARCHAR(16) NOT NULL,
          points BIGINT NOT NULL DEFAULT 0,
          updated_at TIMESTAMPTZ,
          version BIGINT NOT NULL)""");
    dsl.execute("INSERT INTO accounts (id, status, version) SELECT g, 'new', "
        + INITIAL_VERSION + " FROM generate_series(1, ?) g", rows);
  }

  /** The next valid update of a random row: expects its current version, increments points. */
  UpdateRecord nextUpdate(Random random, int sequence) {
    int id = 1 + random.nextInt(rows());
    return updateOf(id, 1 + random.nextInt(9), "s" + sequence);
  }

  /** A valid update of the given row, recorded in the model. */
  UpdateRecord updateOf(int id, long delta, String newStatus) {
    UpdateRecord update = UpdateRecord.update("accounts", Map.of("id", (long) id), version[id])
        .increment("points", delta)
        .set("status", newStatus);
    version[id]++;
    points[id] += delta;
    status[id] = newStatus;
    return update;
  }

  long version(int id) {
    return version[id];
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
      lost += Math.max(0, version[id] - v);
      duplicated += Math.max(0, v - version[id]);
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
      if (v != version[id] || p != points[id] || !s.equals(status[id])) {
        diffs.add("row " + id + ": expected (v" + version[id] + ", points " + points[id] + ", " + status[id]
            + ") but was (v" + v + ", points " + p + ", " + s + ")");
      }
    }
    return diffs;
  }
}
