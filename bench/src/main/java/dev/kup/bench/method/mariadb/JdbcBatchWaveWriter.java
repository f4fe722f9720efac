package dev.kup.bench.method.mariadb;

import dev.kup.localkit.stream.UpdateGenerator;
import dev.kup.localkit.stream.UpdateStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The portable shape: one PreparedStatement of {@link WaveWriter#UPDATE}, one {@code addBatch}
 * per row, one {@code executeBatch} per wave. What the driver sends and counts depends on the
 * connection's Connector/J options. Used by one thread.
 */
final class JdbcBatchWaveWriter implements WaveWriter {

  private final Connection connection;
  private final PreparedStatement update;

  JdbcBatchWaveWriter(Connection connection) throws SQLException {
    this.connection = connection;
    this.update = connection.prepareStatement(UPDATE);
  }

  @Override
  public long write(UpdateStream stream, int[] wave) throws SQLException {
    for (int position : wave) {
      bind(update, stream, position);
      update.addBatch();
    }
    return BatchCounts.applied(update.executeBatch());
  }

  @Override
  public List<Map<String, String>> explain(UpdateStream stream, int[] wave) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + UPDATE)) {
      bind(explain, stream, wave[0]);
      return ExplainRows.read(explain);
    }
  }

  private static void bind(PreparedStatement statement, UpdateStream stream, int position)
      throws SQLException {
    statement.setString(1, UpdateGenerator.status(position));
    statement.setLong(2, stream.points(position));
    statement.setLong(3, stream.id(position));
    statement.setLong(4, stream.version(position));
  }

  @Override
  public void close() throws SQLException {
    update.close();
  }
}
