package dev.kup.bench.measure;

import dev.kup.bench.data.BenchDatabase;
import dev.kup.bench.data.DatabaseEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a consumer group's offsets in kup's {@code kup_offsets} table partition by partition, where
 * {@link OffsetProgress} reads their sum: what a rebalance's dip is measured from. Used by one
 * thread.
 */
public final class PartitionOffsets implements AutoCloseable {

  private final Connection connection;
  private final PreparedStatement query;
  private final DatabaseEngine engine;

  public PartitionOffsets(BenchDatabase database, String groupId, String topic)
      throws SQLException {
    this.engine = database.engine();
    this.connection = database.connect();
    this.query = connection.prepareStatement("SELECT partition_no, next_offset, updated_at"
        + " FROM kup_offsets WHERE group_id = ? AND topic = ?");
    query.setString(1, groupId);
    query.setString(2, topic);
  }

  /** One reading now; empty while kup has not created its table yet. */
  public OffsetSample read() throws SQLException {
    Instant observed = Instant.now();
    Map<Integer, Long> offsets = new HashMap<>();
    Instant lastClaim = null;
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        offsets.put(rows.getInt(1), rows.getLong(2));
        Instant claim = KupOffsetsColumns.claimTime(rows, 3, engine);
        lastClaim = lastClaim == null || claim.isAfter(lastClaim) ? claim : lastClaim;
      }
    } catch (SQLException e) {
      if (!KupOffsetsColumns.noSuchTable(e)) {
        throw e;
      }
    }
    return new OffsetSample(observed, offsets, lastClaim);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
