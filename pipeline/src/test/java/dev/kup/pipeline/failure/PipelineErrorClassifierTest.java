package dev.kup.pipeline.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.schemas.DeadLetterReason;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import dev.kup.pipeline.deadletter.DeadLetterException;
import dev.kup.pipeline.validate.CatalogException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
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
    "42P01, Fatal", "42703, Fatal", "42601, Fatal", "0A000, Fatal",
    "P0001, Unclassified", "XX000, Unclassified"
  })
  void classifiesBySqlStateClass(String sqlState, String kind) {
    Failure failure = classifier.classify(
        new DataAccessException("wrapped", new SQLException("boom", sqlState)));
    assertThat(failure.getClass().getSimpleName()).isEqualTo(kind);
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
