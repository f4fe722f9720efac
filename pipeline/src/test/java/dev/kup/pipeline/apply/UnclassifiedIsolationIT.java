package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.apply.RowOutcome.Rejected;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.failure.Failure;
import dev.kup.pipeline.failure.PipelineErrorClassifier;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.DeadLetterReason;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows the database refuses for reasons kup does not classify, once the database is known to be
 * healthy: a row refused alone is dead-lettered ({@code APPLY_FAILED}) and the rest apply, while a
 * group whose every row is refused alike is the statement being refused (a revoked grant, a
 * broken trigger) and fails as a whole, to be retried, never dead-lettered row by row. A trigger
 * refuses rows with a note of {@code deny} as a row-level security policy would: SQLSTATE 42501.
 */
@ExtendWith(PostgresExtension.class)
class UnclassifiedIsolationIT {
  private final DSLContext dsl;
  private final BatchApplier applier =
      new RowIsolatingApplier(new JooqBatchApplier(), new PipelineErrorClassifier(), true);
  private RecordValidator validator;

  UnclassifiedIsolationIT(TestDatabase db) {
    this.dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  @BeforeEach
  void createTable() {
    dsl.execute("DROP TABLE IF EXISTS guarded");
    dsl.execute("CREATE TABLE guarded (id BIGINT PRIMARY KEY, note TEXT, version BIGINT NOT NULL)");
    dsl.execute("""
        CREATE OR REPLACE FUNCTION guarded_deny() RETURNS trigger AS $$
        BEGIN
          IF NEW.note = 'deny' THEN
            RAISE EXCEPTION 'row refused by policy' USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""");
    dsl.execute("CREATE TRIGGER guarded_deny BEFORE UPDATE ON guarded"
        + " FOR EACH ROW EXECUTE FUNCTION guarded_deny()");
    dsl.execute("INSERT INTO guarded SELECT g, 'n', 1 FROM generate_series(1, 5) g");
    validator = new RecordValidator(
        JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults("guarded"))),
        new ColumnValueConverter());
  }

  @Test
  void aRowRefusedAloneIsDeadLetteredAndTheRestApply() {
    List<RowOutcome> outcomes = apply(note(1, "a"), note(2, "deny"), note(3, "c"));

    assertThat(outcomes.get(0)).isEqualTo(RowOutcome.APPLIED);
    assertThat(outcomes.get(1)).isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(DeadLetterReason.APPLY_FAILED);
      assertThat(r.sqlState()).isEqualTo("42501");
    });
    assertThat(outcomes.get(2)).isEqualTo(RowOutcome.APPLIED);
    assertThat(dsl.fetchValue("SELECT string_agg(note, ',' ORDER BY id) FROM guarded"))
        .isEqualTo("a,n,c,n,n");
  }

  @Test
  void aSingleRefusedRowIsDeadLettered() {
    assertThat(apply(note(4, "deny"))).singleElement().isInstanceOf(Rejected.class);
  }

  @Test
  void aGroupRefusedAlikeFailsAsAWholeAndIsRetriedNotDeadLettered() {
    assertThatThrownBy(() -> apply(note(1, "deny"), note(2, "deny"), note(3, "deny")))
        .isInstanceOf(RowIsolatingApplier.EveryRowRefusedException.class)
        .hasMessageContaining("42501")
        .satisfies(e -> assertThat(new PipelineErrorClassifier().classify(e))
            .isNotInstanceOf(Failure.Fatal.class).isNotInstanceOf(Failure.Poison.class));
    assertThat(dsl.fetchValue("SELECT count(*)::int FROM guarded WHERE note = 'n'")).isEqualTo(5);
  }

  private static UpdateRecord note(long id, String note) {
    return UpdateRecord.update("guarded", Map.of("id", id), 1).set("note", note);
  }

  private List<RowOutcome> apply(UpdateRecord... records) {
    List<RowChange> changes = Arrays.stream(records)
        .map(r -> ((Validation.Accepted) validator.validate(r, r.kafkaKey())).change())
        .toList();
    return dsl.transactionResult(cfg -> applier.apply(DSL.using(cfg), changes));
  }
}
