package dev.kup.pipeline.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.DeadLetterReason;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import dev.kup.pipeline.commit.OffsetFencedException;
import dev.kup.pipeline.commit.PartitionRevokedException;
import dev.kup.pipeline.deadletter.DeadLetterException;
import dev.kup.pipeline.validate.CatalogException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.TopicPartition;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PipelineErrorClassifierTest {
  private final PipelineErrorClassifier classifier = new PipelineErrorClassifier();

  @ParameterizedTest(name = "SQLSTATE {0} is {1}")
  @CsvSource({
    "22001, Poison", "22003, Poison", "22P02, Poison",
    "23502, Poison", "23505, Poison", "23514, Poison",
    "08006, Transient", "08001, Transient", "40001, Transient", "40P01, Transient",
    "53300, Transient", "57P01, Transient", "58030, Transient",
    "57014, Transient", "28P01, Fatal", "28000, Fatal", "3D000, Fatal", "3F000, Fatal",
    "42P01, Fatal", "42703, Fatal", "42501, Unclassified", "55P03, Transient",
    // the rest of class 42 and 0A can come from what a record carries: never fatal
    "42601, Unclassified", "42701, Unclassified", "42804, Unclassified", "0A000, Unclassified",
    "P0001, Unclassified", "XX000, Unclassified"
  })
  void classifiesBySqlStateClass(String sqlState, String kind) {
    Failure failure = classifier.classify(
        new DataAccessException("wrapped", new SQLException("boom", sqlState)));
    assertThat(failure.getClass().getSimpleName()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "H2 SQLSTATE {0} ({2}) is {1}")
  @CsvSource({
    "23502, Poison, NULL_NOT_ALLOWED",
    "23505, Poison, DUPLICATE_KEY_1",
    "23506, Poison, REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1",
    "23513, Poison, CHECK_CONSTRAINT_VIOLATED_1",
    "22001, Poison, VALUE_TOO_LONG_2",
    "22003, Poison, NUMERIC_VALUE_OUT_OF_RANGE_1",
    "22018, Poison, DATA_CONVERSION_ERROR_1",
    "2202E, Poison, ARRAY_ELEMENT_ERROR_2",
    "42S02, Fatal, TABLE_OR_VIEW_NOT_FOUND_1",
    "42S22, Fatal, COLUMN_NOT_FOUND_1",
    "42000, Unclassified, SYNTAX_ERROR_1",
    "28000, Fatal, WRONG_USER_OR_PASSWORD",
    "90013, Fatal, DATABASE_NOT_FOUND_1",
    "90146, Fatal, DATABASE_NOT_FOUND_WITH_IF_EXISTS_1",
    "90079, Fatal, SCHEMA_NOT_FOUND_1",
    "90046, Fatal, URL_FORMAT_ERROR_2",
    "90048, Fatal, FILE_VERSION_ERROR_1",
    "90030, Fatal, FILE_CORRUPTED_1",
    "90097, Fatal, DATABASE_IS_READ_ONLY",
    "HYC00, Unclassified, FEATURE_NOT_SUPPORTED_1",
    "08000, Transient, ERROR_OPENING_DATABASE_1",
    "90067, Transient, CONNECTION_BROKEN_1",
    "90098, Transient, DATABASE_IS_CLOSED",
    "90121, Transient, DATABASE_CALLED_AT_SHUTDOWN",
    "90020, Transient, DATABASE_ALREADY_OPEN_1",
    "90028, Transient, IO_EXCEPTION_1",
    "90131, Transient, CONCURRENT_UPDATE_1",
    "HYT00, Transient, LOCK_TIMEOUT_1",
    "40001, Transient, DEADLOCK_1",
    "57014, Transient, STATEMENT_WAS_CANCELED",
    "HY000, Unclassified, GENERAL_ERROR_1",
    "90112, Unclassified, ROW_NOT_FOUND_WHEN_DELETING_1"
  })
  void classifiesH2SqlStates(String sqlState, String kind, String h2ErrorCode) {
    Failure failure = classifier.classify(
        new DataAccessException("wrapped", new SQLException("boom", sqlState)));
    assertThat(failure.getClass().getSimpleName()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "MariaDB {1} ({0}, {2}) is {3}")
  @CsvSource({
    "HY000, 1205, ER_LOCK_WAIT_TIMEOUT, Transient",
    "HY000, 1020, ER_CHECKREAD, Transient",
    "HY000, 1021, ER_DISK_FULL, Transient",
    "HY000, 1114, ER_RECORD_FILE_FULL, Transient",
    "HY000, 1637, ER_TOO_MANY_CONCURRENT_TRXS, Transient",
    "70100, 1317, ER_QUERY_INTERRUPTED, Transient",
    "70100, 1969, ER_STATEMENT_TIMEOUT, Transient",
    "70100, 1927, ER_CONNECTION_KILLED, Transient",
    "40001, 1213, ER_LOCK_DEADLOCK, Transient",
    "08S01, 1053, ER_SERVER_SHUTDOWN, Transient",
    "HY000, 1364, ER_NO_DEFAULT_FOR_FIELD, Poison",
    "01000, 1265, WARN_DATA_TRUNCATED, Poison",
    "22007, 1366, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, Poison",
    "22001, 1406, ER_DATA_TOO_LONG, Poison",
    "23000, 1062, ER_DUP_ENTRY, Poison",
    "23000, 4025, ER_CONSTRAINT_FAILED, Poison",
    "42000, 1044, ER_DBACCESS_DENIED_ERROR, Fatal",
    "42000, 1049, ER_BAD_DB_ERROR, Fatal",
    "28000, 1045, ER_ACCESS_DENIED_ERROR, Fatal",
    "42S02, 1146, ER_NO_SUCH_TABLE, Fatal",
    "42S22, 1054, ER_BAD_FIELD_ERROR, Fatal",
    "42000, 1142, ER_TABLEACCESS_DENIED_ERROR, Unclassified",
    "42000, 1064, ER_PARSE_ERROR, Unclassified",
    "HY000, 1290, ER_OPTION_PREVENTS_STATEMENT, Unclassified"
  })
  void classifiesMariaDbErrorsByTheStateTheirNumberMeansWhereTheirOwnIsGeneric(
      String sqlState, int errorCode, String name, String kind) {
    Failure failure = classifier.classify(
        new DataAccessException("wrapped", new SQLException("boom", sqlState, errorCode)));
    assertThat(failure.getClass().getSimpleName()).isEqualTo(kind);
  }

  @Test
  void aMariaDbInsertWithoutARequiredColumnIsAConstraintViolationWithTheStateItMeans() {
    SQLException noDefault = new SQLException("Field 'req' doesn't have a default value", "HY000", 1364);

    assertThat(classifier.classify(noDefault))
        .isEqualTo(new Failure.Poison(noDefault, DeadLetterReason.CONSTRAINT_VIOLATION, "23502"));
  }

  @Test
  void anotherDatabasesGenericErrorIsNotReadAsMariaDbs() {
    // H2's general error carries its own five-digit code, PostgreSQL's driver none
    assertThat(classifier.classify(new SQLException("boom", "HY000", 50000)))
        .isInstanceOf(Failure.Unclassified.class);
    assertThat(classifier.classify(new SQLException("boom", "HY000", 0)))
        .isInstanceOf(Failure.Unclassified.class);
  }

  @Test
  void readsTheRealErrorFromAnH2BatchExceptionWhichCarriesTheFirstFailureAsItsNextException() {
    // H2 runs the whole batch, then throws one BatchUpdateException with the first failure's
    // state and message, chaining every failure as a next exception
    SQLException tooLong = new SQLException("Value too long for column \"STATUS\"", "22001", 22001);
    BatchUpdateException batch = new BatchUpdateException(
        tooLong.getMessage(), "22001", 22001, new int[] {1, java.sql.Statement.EXECUTE_FAILED}, null);
    batch.setNextException(tooLong);

    Failure failure = classifier.classify(new DataAccessException("batch", batch));

    assertThat(failure).isEqualTo(new Failure.Poison(tooLong, DeadLetterReason.DATA_EXCEPTION, "22001"));
  }

  @Test
  void readsTheRealErrorFromABatchExceptionsNextException() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", null, 0, new int[0], null);
    SQLException real = new SQLException("null value in column \"status\"", "23502");
    batch.setNextException(real);

    Failure failure = classifier.classify(new DataAccessException("batch", batch));

    assertThat(failure).isEqualTo(new Failure.Poison(real, DeadLetterReason.CONSTRAINT_VIOLATION, "23502"));
  }

  @Test
  void aPartitionThatIsSomeoneElsesNowIsOwnershipLostEvenBehindAWrapperOrASqlState() {
    var fenced = new OffsetFencedException(new TopicPartition("updates", 0), 5L);
    var revoked = new PartitionRevokedException(new TopicPartition("updates", 1));
    SQLException serialization = new SQLException("could not serialize", "40001");
    serialization.initCause(fenced);

    assertThat(classifier.classify(new DataAccessException("tx", fenced)))
        .isEqualTo(new Failure.OwnershipLost(fenced));
    assertThat(classifier.classify(revoked)).isEqualTo(new Failure.OwnershipLost(revoked));
    assertThat(classifier.classify(serialization)).isEqualTo(new Failure.OwnershipLost(fenced));
  }

  @Test
  void aDataExceptionIsPoisonWithItsOwnReason() {
    SQLException tooLong = new SQLException("value too long", "22001");
    assertThat(classifier.classify(tooLong))
        .isEqualTo(new Failure.Poison(tooLong, DeadLetterReason.DATA_EXCEPTION, "22001"));
  }

  @Test
  void infrastructureTroubleWithoutSqlStateIsTransient() {
    assertThat(classifier.classify(new RuntimeException(new ConnectException("refused"))))
        .isInstanceOf(Failure.Transient.class);
    assertThat(classifier.classify(new SQLTransientConnectionException(
        "kup-db - Connection is not available, request timed out after 10000ms")))
        .isInstanceOf(Failure.Transient.class);
    assertThat(classifier.classify(new dev.failsafe.CircuitBreakerOpenException((dev.failsafe.CircuitBreaker<?>) null)))
        .as("an open breaker means the infrastructure is down, never a bad row")
        .isInstanceOf(Failure.Transient.class);
    assertThat(classifier.classify(new SQLRecoverableException("gone")))
        .isInstanceOf(Failure.Transient.class);
    assertThat(classifier.classify(new org.apache.kafka.common.errors.TimeoutException("no ack")))
        .isInstanceOf(Failure.Transient.class);
    assertThat(classifier.classify(new DeadLetterException("dlq down",
        new org.apache.kafka.common.errors.UnknownTopicOrPartitionException("x"))))
        .isInstanceOf(Failure.Transient.class);
  }

  @Test
  void misconfigurationIsFatal() {
    assertThat(classifier.classify(new CatalogException("KUP_TABLES names table 'x'")))
        .isInstanceOf(Failure.Fatal.class);
    assertThat(classifier.classify(new DeadLetterException("dlq",
        new org.apache.kafka.common.errors.TopicAuthorizationException("no write"))))
        .as("authorization is fatal even inside a dead-letter failure")
        .isInstanceOf(Failure.Fatal.class);
    assertThat(classifier.classify(new DeadLetterException("dlq",
        new org.apache.kafka.common.errors.InvalidTopicException("bad name"), false)))
        .as("a letter Kafka refuses for good is never retried as if it were an outage")
        .isInstanceOf(Failure.Fatal.class);
    assertThat(classifier.classify(new org.apache.kafka.common.errors.SaslAuthenticationException("bad")))
        .isInstanceOf(Failure.Fatal.class);
  }

  @Test
  void aConversionErrorIsPoison() {
    assertThat(classifier.classify(new DataAccessException("x",
        new org.jooq.exception.DataTypeException("Cannot convert"))))
        .isInstanceOf(Failure.Poison.class)
        .extracting(f -> ((Failure.Poison) f).reason()).isEqualTo(DeadLetterReason.TYPE_MISMATCH);
  }

  @Test
  void whatItDoesNotKnowIsUnclassifiedNeverPoisonNorTransient() {
    assertThat(classifier.classify(new IllegalStateException("surprise")))
        .isInstanceOf(Failure.Unclassified.class);
    assertThat(classifier.classify(new SQLException("no state")))
        .isInstanceOf(Failure.Unclassified.class);
  }
}
