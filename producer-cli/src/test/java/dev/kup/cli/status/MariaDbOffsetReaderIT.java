package dev.kup.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.testkit.MariaDbDatabase;
import dev.kup.testkit.MariaDbExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The offsets query on MariaDB, as the engine creates the table there ({@code updated_at} a
 * {@code DATETIME(6)} in UTC), read in the server's and the session's zone whatever they are.
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbOffsetReaderIT {

  @Test
  void readsTheGroupsRowsWithTheirInstantsInUtc(MariaDbDatabase db) throws SQLException {
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute("SET time_zone = '+05:00'");
      statement.execute("CREATE TABLE kup_offsets (group_id VARCHAR(255) NOT NULL,"
          + " topic VARCHAR(255) NOT NULL, partition_no INT NOT NULL,"
          + " next_offset BIGINT NOT NULL, updated_at DATETIME(6) NOT NULL,"
          + " PRIMARY KEY (group_id, topic, partition_no))");
      statement.execute("INSERT INTO kup_offsets VALUES"
          + " ('g', 'updates', 0, 41, '2024-05-01 10:00:00.25'),"
          + " ('g', 'other', 0, 7, '2024-05-01 10:00:00'),"
          + " ('h', 'updates', 1, 9, '2024-05-01 10:00:00')");
    }

    JdbcOffsetReader reader =
        new JdbcOffsetReader(new DatabaseLogin(db.jdbcUrl(), null, null), Duration.ofSeconds(5));

    assertThat(reader.read("g", "updates")).containsOnlyKeys(0).containsEntry(0,
        new StoredOffset.Committed(41, Instant.parse("2024-05-01T10:00:00.25Z")));
  }
}
