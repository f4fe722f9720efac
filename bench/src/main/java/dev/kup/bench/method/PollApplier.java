package dev.kup.bench.method;

import dev.kup.schemas.DecodedUpdate;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** How a baseline consumer writes one poll's records to the database. Used by one thread. */
public interface PollApplier extends AutoCloseable {

  /**
   * Writes the records and returns once the database has committed them.
   *
   * @return how many updates found their row at the expected version
   */
  long apply(ConsumerRecords<byte[], DecodedUpdate> records) throws SQLException;

  @Override
  void close() throws SQLException;
}
