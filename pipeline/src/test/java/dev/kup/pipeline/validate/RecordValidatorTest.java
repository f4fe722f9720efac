package dev.kup.pipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.validate.Validation.Accepted;
import dev.kup.pipeline.validate.Validation.Refused;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {
  private final RecordValidator validator = new RecordValidator(
      TestTables.catalogOf(TestTables.accounts(ConflictPolicy.DLQ)), new ColumnValueConverter());

  private Validation validate(UpdateRecord record) {
    return validator.validate(record, record.kafkaKey());
  }

  @Test
  void acceptsAnUpdateAndConvertsValuesToColumnTypes() {
    UpdateRecord record = UpdateRecord.update("accounts", Map.of("id", 42L), 7)
        .set("status", "gold").set("balance", new BigDecimal("10.50"))
        .set("updated_at", "2026-11-26T10:00:00Z").increment("points", 3L);

    Validation v = validate(record);

    assertThat(v).isInstanceOf(Accepted.class);
    RowChange change = ((Accepted) v).change();
    assertThat(change.key()).extracting(ColumnValue::value).containsExactly(42L);
    assertThat(change.set()).extracting(ColumnValue::value).containsExactly(
        "gold", new BigDecimal("10.50"), OffsetDateTime.parse("2026-11-26T10:00:00Z"));
    assertThat(change.increments()).extracting(ColumnValue::value).containsExactly(3);
    assertThat(change.expectedVersion()).isEqualTo(7);
  }

  @Test
  void matchesLowerCaseRecordNamesToAnUpperCaseCatalogAndWritesTheCatalogsNames() {
    RecordValidator h2 = new RecordValidator(TestTables.catalogOf(
        TestTables.accountsInUpperCase(ConflictPolicy.DLQ)), new ColumnValueConverter());
    UpdateRecord record = UpdateRecord.update("accounts", Map.of("id", 42L), 7)
        .set("status", "gold").increment("points", 3L);

    Validation v = h2.validate(record, record.kafkaKey());

    assertThat(v).isInstanceOf(Accepted.class);
    RowChange change = ((Accepted) v).change();
    assertThat(change.key()).extracting(c -> c.column().name()).containsExactly("ID");
    assertThat(change.set()).extracting(c -> c.column().name()).containsExactly("STATUS");
    assertThat(change.increments()).extracting(c -> c.column().name()).containsExactly("POINTS");
    assertThat(h2.validate(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("version", 2L),
        "accounts:1"))
        .as("the version column is protected whatever the spelling")
        .isInstanceOf(Refused.class);
  }

  @Test
  void refusesATableThatIsNotAllowListed() {
    assertRefused(UpdateRecord.update("users", Map.of("id", 1L), 1).set("x", 1L),
        DeadLetterReason.UNKNOWN_TABLE, "'users' is not allow-listed");
  }

  @Test
  void refusesAnUnknownColumn() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("colour", "red"),
        DeadLetterReason.UNKNOWN_COLUMN, "has no column 'colour'");
  }

  @Test
  void refusesAValueOfTheWrongType() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("points", "many"),
        DeadLetterReason.TYPE_MISMATCH, "column 'points'");
  }

  @Test
  void refusesAFractionForAnIntegerColumnInsteadOfRounding() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1)
            .set("points", new BigDecimal("1.5")),
        DeadLetterReason.TYPE_MISMATCH, "column 'points'");
  }

  @Test
  void refusesAKeyThatIsNotThePrimaryKey() {
    assertRefused(UpdateRecord.update("accounts", Map.of("email", "a@b"), 1).set("status", "x"),
        DeadLetterReason.INVALID_KEY, "primary key of 'accounts' is [id]");
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L, "email", "a@b"), 1).set("status", "x"),
        DeadLetterReason.INVALID_KEY, "key names columns [email, id]");
    // the names decide before any value is looked at
    assertRefused(UpdateRecord.update("accounts", Map.of("id", "one", "status", "x"), 1).set("points", 1L),
        DeadLetterReason.INVALID_KEY, "key names columns [id, status]");
  }

  @Test
  void refusesSettingTheVersionColumnOrTheKey() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("version", 9L),
        DeadLetterReason.SCHEMA_VIOLATION, "version column");
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1).set("id", 9L),
        DeadLetterReason.SCHEMA_VIOLATION, "primary key");
  }

  @Test
  void refusesIncrementingANonNumericColumn() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1).increment("status", 1L),
        DeadLetterReason.TYPE_MISMATCH, "cannot be incremented");
  }

  @Test
  void refusesAKafkaKeyThatBreaksTheKeyRule() {
    UpdateRecord record = UpdateRecord.update("accounts", Map.of("id", 42L), 1).set("status", "x");

    assertThat(validator.validate(record, "accounts:43"))
        .isEqualTo(new Refused(DeadLetterReason.KEY_MISMATCH,
            "Kafka key 'accounts:43' differs; the contract requires 'accounts:42'"));
    assertThat(validator.validate(record, null)).extracting(r -> ((Refused) r).reason())
        .isEqualTo(DeadLetterReason.KEY_MISMATCH);
  }

  @Test
  void refusesNamesThatResolveToOneColumnWhereverTheyAppear() {
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1)
            .set("status", "a").set("STATUS", "b"),
        DeadLetterReason.SCHEMA_VIOLATION, "resolve to column 'status'");
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1)
            .set("points", 5L).increment("POINTS", 1L),
        DeadLetterReason.SCHEMA_VIOLATION, "'points' and 'POINTS'");
    assertRefused(UpdateRecord.update("accounts", Map.of("id", 1L), 1)
            .increment("balance", 1L).increment("Balance", 2L),
        DeadLetterReason.SCHEMA_VIOLATION, "resolve to column 'balance'");
  }

  @Test
  void aKeyValueOutsideTheKeyColumnsRangeIsAnInvalidKey() {
    RecordValidator narrow = new RecordValidator(
        TestTables.catalogOf(TestTables.narrow(ConflictPolicy.DLQ)), new ColumnValueConverter());
    for (long key : new long[] {4_294_967_297L, 2_147_483_648L, -2_147_483_649L}) {
      UpdateRecord record = UpdateRecord.update("narrow", Map.of("id", key), 1).set("note", "x");
      assertThat(narrow.validate(record, record.kafkaKey())).as("key " + key)
          .isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(DeadLetterReason.INVALID_KEY);
            assertThat(r.message()).contains("'id'");
          });
    }
  }

  @Test
  void aVersionOutsideTheVersionColumnsRangeNeverMatchesAnyRow() {
    RecordValidator narrow = new RecordValidator(
        TestTables.catalogOf(TestTables.narrow(ConflictPolicy.DLQ)), new ColumnValueConverter());
    for (long version : new long[] {4_294_967_297L, 2_147_483_648L, Long.MAX_VALUE}) {
      UpdateRecord record = UpdateRecord.update("narrow", Map.of("id", 1L), version).set("note", "x");
      assertThat(narrow.validate(record, record.kafkaKey())).as("version " + version)
          .isInstanceOfSatisfying(Validation.NeverMatches.class,
              n -> assertThat(n.message()).contains(Long.toString(version)).contains("never match"));
    }
    UpdateRecord inRange = UpdateRecord.update("narrow", Map.of("id", 1L), 2_147_483_647L).set("note", "x");
    assertThat(narrow.validate(inRange, inRange.kafkaKey())).isInstanceOf(Accepted.class);
  }

  private void assertRefused(UpdateRecord record, DeadLetterReason reason, String messagePart) {
    Validation v = validate(record);
    assertThat(v).isInstanceOf(Refused.class);
    assertThat(((Refused) v).reason()).isEqualTo(reason);
    assertThat(((Refused) v).message()).contains(messagePart);
  }
}
