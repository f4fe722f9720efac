package dev.kup.bench.method;

import dev.kup.bench.data.BenchDatabase;
import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;

/**
 * The database's limit without Kafka: applies a stream straight from memory with one set-based,
 * version-checked {@code UPDATE … FROM unnest(…) … RETURNING t.id} per batch of {@value
 * #BATCH_SIZE} updates (split into {@link StatementWaves} so a row appears once per statement, in
 * row-id order), one transaction per batch, on several connections at once: the best method,
 * returning the keys that applied as kup needs them. The stream is split into {@link StreamLanes},
 * so a row's chain stays on one connection, in order.
 */
public final class DirectUnnestApplier {

  /** Updates per transaction. */
  public static final int BATCH_SIZE = 20_000;

  static final String UPDATE =
      "UPDATE bench_accounts t SET status = v.status, points = t.points + v.inc,"
          + " version = t.version + 1"
          + " FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[])"
          + " AS v(id, status, inc, expected)"
          + " WHERE t.id = v.id AND t.version = v.expected"
          + " RETURNING t.id";

  // A hash or merge join reads the whole table for every statement; the nested loop over the
  // primary key touches only the batch's rows.
  private static final String[] SESSION = {"SET enable_hashjoin = off", "SET enable_mergejoin = off"};

  private final BenchDatabase database;

  public DirectUnnestApplier(BenchDatabase database) {
    this.database = database;
  }

  /**
   * Splits {@code stream} into one lane per connection, apart from {@link #apply} so that a
   * measurement around the apply leaves the split out.
   */
  public StreamLanes split(UpdateStream stream, int connections) {
    return StreamLanes.split(stream, connections);
  }

  /**
   * Applies every update of the lanes' stream, each lane on a connection of its own.
   *
   * @return updates applied (update count 1) and the wall time
   */
  public Applied apply(StreamLanes lanes) throws Exception {
    long start = System.nanoTime();
    long applied = lanes.runEach(this::applyLane);
    return new Applied(applied, (System.nanoTime() - start) / 1e9);
  }

  /** The plan of one batch statement under the session settings, as {@code EXPLAIN} prints it. */
  public String explain(UpdateStream stream) throws SQLException {
    int[] sample = IntStream.range(0, Math.min(BATCH_SIZE, stream.size())).toArray();
    int[] firstWave = StatementWaves.of(ids(stream, sample)).get(0);
    try (Connection connection = session()) {
      connection.setAutoCommit(false);
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + UPDATE)) {
        bind(connection, explain, stream, pick(sample, firstWave));
        StringBuilder plan = new StringBuilder();
        try (ResultSet lines = explain.executeQuery()) {
          while (lines.next()) {
            plan.append(lines.getString(1)).append('\n');
          }
        }
        return plan.toString();
      } finally {
        connection.rollback();
      }
    }
  }

  /** Tells whether a plan avoids the whole-table joins. */
  public static boolean usesIndexNestedLoop(String plan) {
    return plan.contains("Nested Loop") && !plan.contains("Hash Join")
        && !plan.contains("Merge Join") && !plan.contains("Seq Scan on bench_accounts");
  }

  private long applyLane(UpdateStream stream, int[] lane) throws SQLException {
    long applied = 0;
    try (Connection connection = session()) {
      connection.setAutoCommit(false);
      try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
        for (int from = 0; from < lane.length; from += BATCH_SIZE) {
          int[] batch = java.util.Arrays.copyOfRange(lane, from,
              Math.min(lane.length, from + BATCH_SIZE));
          for (int[] wave : StatementWaves.of(ids(stream, batch))) {
            bind(connection, update, stream, pick(batch, wave));
            applied += appliedRows(update);
          }
          connection.commit();
        }
      }
    }
    return applied;
  }

  /** Runs the statement and counts the keys it returns, the rows that applied. */
  private static long appliedRows(PreparedStatement update) throws SQLException {
    long applied = 0;
    try (ResultSet keys = update.executeQuery()) {
      while (keys.next()) {
        applied++;
      }
    }
    return applied;
  }

  private static void bind(Connection connection, PreparedStatement statement,
      UpdateStream stream, int[] updates) throws SQLException {
    long[] ids = new long[updates.length];
    String[] statuses = new String[updates.length];
    long[] increments = new long[updates.length];
    long[] versions = new long[updates.length];
    for (int k = 0; k < updates.length; k++) {
      ids[k] = stream.id(updates[k]);
      statuses[k] = UpdateGenerator.status(updates[k]);
      increments[k] = stream.points(updates[k]);
      versions[k] = stream.version(updates[k]);
    }
    PGConnection pg = connection.unwrap(PGConnection.class);
    statement.setArray(1, pg.createArrayOf("int8", ids));
    statement.setArray(2, connection.createArrayOf("varchar", statuses));
    statement.setArray(3, pg.createArrayOf("int8", increments));
    statement.setArray(4, pg.createArrayOf("int8", versions));
  }

  private Connection session() throws SQLException {
    Connection connection = database.connect();
    try (Statement sql = connection.createStatement()) {
      for (String setting : SESSION) {
        sql.execute(setting);
      }
    }
    return connection;
  }

  private static long[] ids(UpdateStream stream, int[] updates) {
    long[] ids = new long[updates.length];
    for (int k = 0; k < updates.length; k++) {
      ids[k] = stream.id(updates[k]);
    }
    return ids;
  }

  private static int[] pick(int[] updates, int[] positions) {
    int[] picked = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      picked[k] = updates[positions[k]];
    }
    return picked;
  }

  /**
   * @param updates keys the statements returned: updates that found their row at the expected
   *     version
   * @param seconds wall time from the first statement to the last commit
   */
  public record Applied(long updates, double seconds) {
    public double perSecond() {
      return updates / seconds;
    }
  }
}
