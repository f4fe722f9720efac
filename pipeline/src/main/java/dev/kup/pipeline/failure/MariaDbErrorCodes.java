package dev.kup.pipeline.failure;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQLSTATE a MariaDB (or MySQL) error means, where the server's own is too generic to decide
 * by: {@code HY000} (general error), {@code 01000} (a warning made an error by strict mode), {@code
 * 70100} (interrupted) or {@code 42000} (syntax error or access violation). The codes are the
 * server's error numbers (MariaDB's {@code ER_*}, 1000-1999 and 4000-4199); H2's are five digits
 * and PostgreSQL's driver reports none, so the table cannot misread another database's error.
 * Every other MariaDB error carries a specific SQLSTATE (1062 duplicate key 23000, 1406 too long
 * 22001, 1213 deadlock 40001, a lost connection 08xxx, ...) and is classified by it as is.
 */
final class MariaDbErrorCodes {
  private static final Set<String> GENERIC_STATES = Set.of("HY000", "01000", "70100", "42000");
  private static final Map<Integer, String> STATES = Map.ofEntries(
      // transient: the server is busy, short of a resource, or ended the statement
      Map.entry(1205, "40001"), // ER_LOCK_WAIT_TIMEOUT: the lock holder will finish
      Map.entry(1020, "40001"), // ER_CHECKREAD: record changed since it was read
      Map.entry(1180, "40000"), // ER_ERROR_DURING_COMMIT
      Map.entry(1181, "40000"), // ER_ERROR_DURING_ROLLBACK
      Map.entry(1637, "53000"), // ER_TOO_MANY_CONCURRENT_TRXS
      Map.entry(1021, "53100"), // ER_DISK_FULL
      Map.entry(1114, "53100"), // ER_RECORD_FILE_FULL: the table is full
      Map.entry(1037, "53200"), // ER_OUTOFMEMORY
      Map.entry(1038, "53200"), // ER_OUT_OF_SORTMEMORY
      Map.entry(1041, "53200"), // ER_OUT_OF_RESOURCES
      Map.entry(1030, "58000"), // ER_GET_ERRNO: the storage engine failed
      Map.entry(1317, "57014"), // ER_QUERY_INTERRUPTED
      Map.entry(1969, "57014"), // ER_STATEMENT_TIMEOUT (max_statement_time)
      Map.entry(1927, "08006"), // ER_CONNECTION_KILLED
      // poison: the row's values
      Map.entry(1364, "23502"), // ER_NO_DEFAULT_FOR_FIELD: an insert without a NOT NULL column
      Map.entry(1265, "22000"), // WARN_DATA_TRUNCATED: e.g. a value outside an ENUM
      Map.entry(1411, "22007"), // ER_WRONG_VALUE_FOR_TYPE
      // fatal: the configuration
      Map.entry(1044, "28000"), // ER_DBACCESS_DENIED_ERROR: no access to the database
      Map.entry(1049, "3D000")); // ER_BAD_DB_ERROR: unknown database

  private MariaDbErrorCodes() {}

  /** The state {@code error} means, when MariaDB reported a generic one for a known code. */
  static Optional<String> meaning(SQLException error) {
    if (error.getSQLState() != null && !GENERIC_STATES.contains(error.getSQLState())) {
      return Optional.empty();
    }
    return Optional.ofNullable(STATES.get(error.getErrorCode()));
  }
}
