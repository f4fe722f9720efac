package dev.kup.bench.method;

import dev.kup.bench.data.BenchDatabase;
import dev.kup.schemas.DecodedUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * The first consumer anyone writes: for every record one version-checked {@code UPDATE} in
 * autocommit, so one transaction (and one WAL flush) per record.
 */
public final class NaiveConsumer implements PollApplier {

  static final String UPDATE =
      "UPDATE bench_accounts SET status = ?, points = points + ?, version = version + 1"
          + " WHERE id = ? AND version = ?";

  private final Connection connection;
  private final PreparedStatement update;

  public NaiveConsumer(BenchDatabase database) throws SQLException {
    this.connection = database.connect();
    connection.setAutoCommit(true);
    this.update = connection.prepareStatement(UPDATE);
  }

  @Override
  public long apply(ConsumerRecords<byte[], DecodedUpdate> records) throws SQLException {
    long applied = 0;
    for (ConsumerRecord<byte[], DecodedUpdate> record : records) {
      bind(update, BenchUpdate.of(record.value()));
      applied += update.executeUpdate();
    }
    return applied;
  }

  static void bind(PreparedStatement update, BenchUpdate values) throws SQLException {
    update.setString(1, values.status());
    update.setLong(2, values.increment());
    update.setLong(3, values.id());
    update.setLong(4, values.version());
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
