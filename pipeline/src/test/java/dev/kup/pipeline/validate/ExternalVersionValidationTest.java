package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.VersionMode;
import dev.kup.pipeline.validate.Validation.Accepted;
import dev.kup.pipeline.validate.Validation.Refused;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a record for an external-version table, next to the same record elsewhere. */
class ExternalVersionValidationTest {
  private static final TableSchema EXTERNAL =
      TestTables.inMode(TestTables.accounts(ConflictPolicy.DLQ), VersionMode.EXTERNAL);
  private static final TableSchema EXPECTED = TestTables.narrow(ConflictPolicy.DLQ);
  private final RecordValidator validator = new RecordValidator(
      TestTables.catalogOf(EXTERNAL, EXPECTED), new ColumnValueConverter());

  private Validation validate(UpdateRecord record) {
    return validator.validate(record, record.kafkaKey());
  }

  @Test
  void takesTheRecordsVersionAsTheRowsVersionAfterTheChange() {
    for (UpdateRecord record : new UpdateRecord[] {
        UpdateRecord.update("accounts", Map.of("id", 1L), 42).set("status", "gold"),
        UpdateRecord.upsert("accounts", Map.of("id", 1L), 42).set("status", "gold"),
        UpdateRecord.delete("accounts", Map.of("id", 1L), 42)}) {
      assertThat(validate(record)).as(record.op().wireName())
          .isInstanceOfSatisfying(Accepted.class,
              a -> assertThat(a.change().newVersion()).isEqualTo(42));
    }
  }

  @Test
  void anExpectedVersionAdvancesByOneWhereTheTableChecksVersions() {
    UpdateRecord record = UpdateRecord.update("narrow", Map.of("id", 1L), 42).set("note", "x");

    assertThat(((Accepted) validate(record)).change().newVersion()).isEqualTo(43);
  }

  @Test
  void refusesARecordWithoutAVersionOrAtVersionZeroAsASchemaViolation() {
    assertRefused(UpdateRecord.upsert("accounts", Map.of("id", 1L)).set("status", "x"),
        "must carry the row's version after the change, at least 1, got none");
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 0).set("status", "x"),
        "at least 1, got 0");
    assertRefused(UpdateRecord.delete("accounts", Map.of("id", 1L), 0), "at least 1, got 0");
  }

  @Test
  void refusesAnIncrementAsASchemaViolation() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 5).increment("points", 1L),
        "'increment' is refused");
    assertRefused(
        UpdateRecord.upsert("accounts", Map.of("id", 1L), 5).set("status", "x").increment("points", 1L),
        "'increment' is refused");
  }

  @Test
  void theSameRecordsApplyToAnExpectedVersionTable() {
    assertThat(validate(UpdateRecord.upsert("narrow", Map.of("id", 1L)).set("note", "x")))
        .isInstanceOf(Accepted.class);
    assertThat(validate(UpdateRecord.update("narrow", Map.of("id", 1L), 0).set("note", "x")))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void aVersionTheVersionColumnCannotHoldNeverMatches() {
    TableSchema narrow = TestTables.inMode(TestTables.narrow(ConflictPolicy.DLQ), VersionMode.EXTERNAL);
    RecordValidator external = new RecordValidator(
        TestTables.catalogOf(narrow), new ColumnValueConverter());
    UpdateRecord record =
        UpdateRecord.update("narrow", Map.of("id", 1L), 2_147_483_648L).set("note", "x");

    assertThat(external.validate(record, record.kafkaKey()))
        .isInstanceOfSatisfying(Validation.NeverMatches.class,
            n -> assertThat(n.message()).startsWith("version 2147483648 can never match"));
  }

  private void assertRefused(UpdateRecord record, String messagePart) {
    assertThat(validate(record)).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
      assertThat(r.message()).startsWith("table 'accounts' takes external versions")
          .contains(messagePart);
    });
  }
}
