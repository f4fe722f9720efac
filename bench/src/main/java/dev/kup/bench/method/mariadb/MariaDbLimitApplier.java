package dev.kup.bench.method.mariadb;

import dev.kup.bench.MariaDbShape;
import dev.kup.bench.data.BenchDatabase;
import dev.kup.bench.method.StatementWaves;
import dev.kup.bench.method.StreamLanes;
import dev.kup.localkit.stream.UpdateStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * MariaDB's limit without Kafka, one statement shape at a time: applies a stream straight from
 * memory in groups of a given size, one transaction per group at READ COMMITTED as kup runs them,
 * each lane of {@link StreamLanes} on a connection of its own. A group is split into {@link
 * StatementWaves}, so each statement (or JDBC batch) holds distinct rows in id order and a row's
 * chain is applied in order; a uniform group of 5,000 updates over 500,000 rows of a lane has
 * about 25 rows twice, so its second wave is small. Stateless between calls.
 */
public final class MariaDbLimitApplier {

  /** Run first on every connection: kup's isolation level on MariaDB. */
  static final String SESSION = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";

  private final BenchDatabase database;

  public MariaDbLimitApplier(BenchDatabase database) {
    this.database = database;
  }

  /**
   * Applies every update of the lanes' stream with {@code shape}.
   *
   * @param groupSize updates per transaction
   */
  public Applied apply(StreamLanes lanes, MariaDbShape shape, int groupSize) throws Exception {
    AtomicLong statements = new AtomicLong();
    AtomicBoolean uncounted = new AtomicBoolean();
    long start = System.nanoTime();
    long applied = lanes.runEach((stream, lane) -> applyLane(stream, lane, shape, groupSize,
        statements, uncounted));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Applied(uncounted.get() ? null : applied, statements.get(), seconds);
  }

  /** The plan of the statement {@code shape} sends for the first wave of the first group. */
  public List<Map<String, String>> explain(UpdateStream stream, MariaDbShape shape,
      int groupSize) throws SQLException {
    int[] group = IntStream.range(0, Math.min(groupSize, stream.size()))
        .toArray();
    int[] firstWave = StatementWaves.ofUpdates(stream, group).get(0);
    try (Connection connection = session(shape);
        WaveWriter writer = WaveWriter.open(shape, connection)) {
      return writer.explain(stream, firstWave);
    }
  }

  private long applyLane(UpdateStream stream, int[] lane, MariaDbShape shape, int groupSize,
      AtomicLong statements, AtomicBoolean uncounted) throws SQLException {
    long applied = 0;
    try (Connection connection = session(shape);
        WaveWriter writer = WaveWriter.open(shape, connection)) {
      for (int from = 0; from < lane.length; from += groupSize) {
        int[] group = Arrays.copyOfRange(lane, from, Math.min(lane.length, from + groupSize));
        for (int[] wave : StatementWaves.ofUpdates(stream, group)) {
          long written = writer.write(stream, wave);
          statements.incrementAndGet();
          if (written == WaveWriter.NO_COUNT) {
            uncounted.set(true);
          } else {
            applied += written;
          }
        }
        connection.commit();
      }
    }
    return applied;
  }

  private Connection session(MariaDbShape shape) throws SQLException {
    Connection connection = database.connect(shape.driverOptions());
    try (Statement sql = connection.createStatement()) {
      sql.execute(SESSION);
    }
    connection.setAutoCommit(false);
    return connection;
  }

  /**
   * @param updates rows the database reported changed; null when it gave no count
   *     (SUCCESS_NO_INFO)
   * @param statements statements (or JDBC batches) sent: one per wave
   * @param seconds wall time from the first statement to the last commit
   */
  public record Applied(Long updates, long statements, double seconds) {}
}
