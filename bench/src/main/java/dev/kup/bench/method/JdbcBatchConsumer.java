package dev.kup.bench.method;

import dev.kup.bench.data.BenchDatabase;
import dev.kup.schemas.DecodedUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * The usual better consumer: per poll, one transaction holding a JDBC batch of the same
 * version-checked {@code UPDATE}s, executed in record order (so several updates of one row chain
 * correctly), then committed.
 */
public final class JdbcBatchConsumer implements PollApplier {

  private final Connection connection;
  private final PreparedStatement update;

  public JdbcBatchConsumer(BenchDatabase database) throws SQLException {
    this.connection = database.connect();
    connection.setAutoCommit(false);
    this.update = connection.prepareStatement(NaiveConsumer.UPDATE);
  }

  @Override
  public long apply(ConsumerRecords<byte[], DecodedUpdate> records) throws SQLException {
    for (ConsumerRecord<byte[], DecodedUpdate> record : records) {
      NaiveConsumer.bind(update, BenchUpdate.of(record.value()));
      update.addBatch();
    }
    long applied = 0;
    for (int count : update.executeBatch()) {
      applied += count;
    }
    connection.commit();
    return applied;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
