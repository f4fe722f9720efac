package dev.kup.pipeline.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.validate.ColumnValueConverter;
import dev.kup.pipeline.validate.JooqTableCatalog;
import dev.kup.pipeline.validate.RecordValidator;
import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.Validation;
import dev.kup.schemas.UpdateRecord;
import dev.kup.testkit.PostgresExtension;
import dev.kup.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upsert's row written by someone else between the set-based lookup that found it absent and
 * the insert (which cannot happen while kup owns the row's partition): the insert skips it and
 * its outcome follows the version rules, never silently dropped. The other writer is played by
 * a wrapper around the real writer that inserts the rows in the same transaction right after the
 * lookup.
 */
@ExtendWith(PostgresExtension.class)
class UnnestUpsertRaceIT {
  private final DSLContext dsl;
  private RecordValidator validator;

  UnnestUpsertRaceIT(TestDatabase db) {
    this.dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  @BeforeEach
  void createTable() {
    dsl.execute("DROP TABLE IF EXISTS raced");
    dsl.execute("CREATE TABLE raced (id BIGINT PRIMARY KEY, note TEXT, version BIGINT NOT NULL)");
    validator = new RecordValidator(
        JooqTableCatalog.load(dsl, List.of(TableOptions.withDefaults("raced"))),
        new ColumnValueConverter());
  }

  @Test
  void aRowWrittenMeanwhileConflictsWithItsNewVersionAndTheOthersAreInserted() {
    UpdateWriter writer = new WritingAfterLookup(new UnnestUpdateWriter(), Set.of(103L, 107L),
        false);

    List<RowOutcome> outcomes = apply(writer, LongStream.range(100, 110)
        .mapToObj(id -> UpdateRecord.upsert("raced", Map.of("id", id)).set("note", "kup"))
        .toArray(UpdateRecord[]::new));

    for (int i = 0; i < 10; i++) {
      assertThat(outcomes.get(i)).as("row %d", 100 + i)
          .isEqualTo(i == 3 || i == 7 ? new Conflict(0, 5) : RowOutcome.APPLIED);
    }
    assertThat(dsl.fetchValue("SELECT string_agg(note || version, ',' ORDER BY id) FROM raced"))
        .isEqualTo("kup1,kup1,kup1,other5,kup1,kup1,kup1,other5,kup1,kup1");
  }

  @Test
  void aRowNeitherInsertedNorFoundFailsTheBatch() {
    UpdateWriter writer = new WritingAfterLookup(new UnnestUpdateWriter(), Set.of(), true);

    assertThatThrownBy(() -> apply(writer, LongStream.range(100, 105)
            .mapToObj(id -> UpdateRecord.upsert("raced", Map.of("id", id)).set("note", "kup"))
            .toArray(UpdateRecord[]::new)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("written and removed by someone else");
  }

  private List<RowOutcome> apply(UpdateWriter writer, UpdateRecord... records) {
    List<RowChange> changes = java.util.Arrays.stream(records)
        .map(r -> ((Validation.Accepted) validator.validate(r, r.kafkaKey())).change())
        .toList();
    return dsl.transactionResult(cfg -> new JooqBatchApplier(writer).apply(DSL.using(cfg), changes));
  }

  /**
   * The real writer, with someone else's rows: after each lookup it inserts {@code meanwhile}
   * (note 'other', version 5); with {@code skipAll} its inserts write nothing and say so.
   */
  private record WritingAfterLookup(UpdateWriter real, Set<Long> meanwhile, boolean skipAll)
      implements UpdateWriter {
    @Override
    public int[] write(DSLContext tx, List<RowChange> sameShape) {
      return real.write(tx, sameShape);
    }

    @Override
    public Long[] currentVersions(DSLContext tx, List<RowChange> sameTable) {
      Long[] versions = real.currentVersions(tx, sameTable);
      meanwhile.forEach(id -> tx.execute(
          "INSERT INTO raced VALUES (?, 'other', 5) ON CONFLICT DO NOTHING", id));
      return versions;
    }

    @Override
    public int[] insert(DSLContext tx, List<RowChange> sameShape) {
      return skipAll ? new int[sameShape.size()] : real.insert(tx, sameShape);
    }

    @Override
    public int[] insertNewer(DSLContext tx, List<RowChange> sameShape) {
      return real.insertNewer(tx, sameShape);
    }
  }
}
