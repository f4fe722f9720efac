package dev.kup.bench.method.mariadb;

import dev.kup.bench.MariaDbShape;
import dev.kup.localkit.stream.UpdateStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Writes one wave of version-checked updates (distinct rows, in id order) with one statement
 * shape, in the open transaction of the connection it was opened on. Holds that connection's
 * prepared statements; used by one thread.
 */
public interface WaveWriter extends AutoCloseable {

  /** What {@link #write} returns when the database reported no count (SUCCESS_NO_INFO). */
  long NO_COUNT = -1;

  /** The update every shape makes, one row's worth; the JDBC batches send it as is. */
  String UPDATE = "UPDATE bench_accounts SET status = ?, points = points + ?,"
      + " version = version + 1 WHERE id = ? AND version = ?";

  /**
   * Applies the wave.
   *
   * @param wave positions in {@code stream}, their rows distinct, in ascending id order
   * @return the rows the database reports changed (per row summed, or its one total), or {@link
   *     #NO_COUNT}
   */
  long write(UpdateStream stream, int[] wave) throws SQLException;

  /** The rows of {@code EXPLAIN} for the statement {@link #write} would send, column → value. */
  List<Map<String, String>> explain(UpdateStream stream, int[] wave) throws SQLException;

  @Override
  void close() throws SQLException;

  /** A writer of {@code shape} on {@code connection}, which the caller keeps and closes. */
  static WaveWriter open(MariaDbShape shape, Connection connection) throws SQLException {
    return switch (shape) {
      case JDBC_BATCH, JDBC_BATCH_SERVER_PREPARED, JDBC_BATCH_BULK ->
          new JdbcBatchWaveWriter(connection);
      case VALUES_JOIN -> new ValuesJoinWaveWriter(connection);
      case JSON_TABLE -> new JsonTableWaveWriter(connection);
    };
  }
}
