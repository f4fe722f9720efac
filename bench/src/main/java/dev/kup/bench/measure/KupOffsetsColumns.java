package dev.kup.bench.measure;

import dev.kup.bench.data.DatabaseEngine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * How kup's {@code kup_offsets} table reads on each database: {@code updated_at} is a zoned
 * timestamp on PostgreSQL and a UTC {@code DATETIME(6)} on MariaDB, which has no zoned type; a
 * table kup has not created yet fails with the database's own SQLSTATE. Stateless.
 */
final class KupOffsetsColumns {

  // PostgreSQL's undefined_table, and MariaDB's ER_NO_SUCH_TABLE
  private static final Set<String> NO_SUCH_TABLE = Set.of("42P01", "42S02");

  private KupOffsetsColumns() {}

  /** The instant in {@code column} of the current row; null when SQL NULL. */
  static Instant claimTime(ResultSet row, int column, DatabaseEngine engine) throws SQLException {
    if (engine == DatabaseEngine.MARIADB) {
      LocalDateTime utc = row.getObject(column, LocalDateTime.class);
      return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
    Timestamp zoned = row.getTimestamp(column);
    return zoned == null ? null : zoned.toInstant();
  }

  /** Whether {@code e} says the table does not exist (yet). */
  static boolean noSuchTable(SQLException e) {
    return NO_SUCH_TABLE.contains(e.getSQLState());
  }
}
