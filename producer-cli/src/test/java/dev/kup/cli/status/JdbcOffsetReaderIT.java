package dev.kup.cli.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.testkit.H2Database;
import dev.kup.testkit.H2Extension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The offsets query on H2, the other database the consumer writes to ({@code StatusCommandIT}
 * covers PostgreSQL): the table created unquoted, as the engine creates it, is found.
 */
@ExtendWith(H2Extension.class)
class JdbcOffsetReaderIT {

  @Test
  void readsTheGroupsRowsForTheTopicOnly(H2Database h2) throws SQLException {
    try (Connection connection = h2.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kup_offsets (group_id VARCHAR(255) NOT NULL,"
          + " topic VARCHAR(255) NOT NULL, partition_no INTEGER NOT NULL,"
          + " next_offset BIGINT NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " PRIMARY KEY (group_id, topic, partition_no))");
      statement.execute("INSERT INTO kup_offsets VALUES"
          + " ('g', 'updates', 0, 41, TIMESTAMP WITH TIME ZONE '2024-05-01 12:00:00+02'),"
          + " ('g', 'other', 0, 7, CURRENT_TIMESTAMP),"
          + " ('h', 'updates', 1, 9, CURRENT_TIMESTAMP)");
    }

    JdbcOffsetReader reader =
        new JdbcOffsetReader(new DatabaseLogin(h2.jdbcUrl(), "sa", ""), Duration.ofSeconds(5));

    assertThat(reader.read("g", "updates")).containsOnlyKeys(0).containsEntry(0,
        new StoredOffset.Committed(41, Instant.parse("2024-05-01T10:00:00Z")));
    assertThat(reader.read("nobody", "updates")).isEmpty();
  }

  @Test
  void aUrlNoDriverTakesIsRefusedWithoutQuotingIt() {
    JdbcOffsetReader reader = new JdbcOffsetReader(
        new DatabaseLogin("jdbc:nosuch://db/x?password=hunter2", "u", "p"), Duration.ofSeconds(1));

    assertThatThrownBy(() -> reader.read("g", "updates"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no JDBC driver accepts the database URL")
        .hasMessageNotContaining("hunter2");
  }
}
