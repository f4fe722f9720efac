package dev.kup.localkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateGeneratorTest {

  private static final TableRows ACCOUNTS = new TableRows("accounts", 50, 1);

  @Test
  void eachUpdateExpectsTheVersionItsRowReachedSoFar() {
    UpdateGenerator generator = generator(ACCOUNTS, 7);
    long[] version = new long[51];
    Arrays.fill(version, 1);

    for (int i = 0; i < 5_000; i++) {
      ChainedUpdate update = generator.next();
      assertThat(update.version()).isEqualTo(version[(int) update.id()]++);
    }
    for (int id = 1; id <= 50; id++) {
      assertThat(generator.version(id)).isEqualTo(version[id]);
    }
    assertThat(generator.generated()).isEqualTo(5_000);
  }

  @Test
  void addsOneToNinePointsAndSetsTheStatusOfItsPosition() {
    UpdateGenerator generator = generator(ACCOUNTS, 7);
    List<ChainedUpdate> updates = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      updates.add(generator.next());
    }

    assertThat(updates).extracting(ChainedUpdate::points).containsOnly(1L, 2L, 3L, 4L, 5L, 6L,
        7L, 8L, 9L);
    assertThat(updates.get(0).status()).isEqualTo("s0");
    assertThat(updates.get(999).status()).isEqualTo("s999");
    assertThat(updates).extracting(ChainedUpdate::table).containsOnly("accounts");
  }

  @Test
  void theSameSeedGivesTheSameStreamAndAnotherSeedAnother() {
    assertThat(take(generator(ACCOUNTS, 11), 200)).isEqualTo(take(generator(ACCOUNTS, 11), 200))
        .isNotEqualTo(take(generator(ACCOUNTS, 12), 200));
  }

  @Test
  void aChosenUpdateJoinsTheChainOfItsRow() {
    UpdateGenerator generator = generator(new TableRows("accounts", 3, 0), 1);

    ChainedUpdate first = generator.next(2, 5, "fresh");
    ChainedUpdate second = generator.next(2, 1, "again");

    assertThat(first).isEqualTo(new ChainedUpdate("accounts", 2, 0, 5, "fresh"));
    assertThat(second.version()).isEqualTo(1);
    assertThat(generator.version(2)).isEqualTo(2);
    assertThat(generator.version(1)).isZero();
    assertThat(generator.generated()).isEqualTo(2);
  }

  @Test
  void pickingARowLeavesTheChainAsItWas() {
    UpdateGenerator generator = generator(new TableRows("accounts", 3, 0), 1);

    long id = generator.pickRow();

    assertThat(id).isBetween(1L, 3L);
    assertThat(generator.version(id)).isZero();
    assertThat(generator.generated()).isZero();
  }

  @Test
  void writesTheContractsJsonAndKafkaKey() {
    ChainedUpdate update = new ChainedUpdate("accounts", 7, 3, 5, "s2");

    assertThat(update.kafkaKey()).isEqualTo("accounts:7").isEqualTo(update.record().kafkaKey())
        .isEqualTo(new TableRows("accounts", 10, 0).kafkaKey(7));
    assertThat(new String(update.json(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"table\":\"accounts\",\"key\":{\"id\":7},\"version\":3,\"set\":{\"status\":\"s2\"},"
            + "\"increment\":{\"points\":5}}");
  }

  @Test
  void refusesASamplerThatDrawsOutsideTheRowsAndARowOutsideThem() {
    UpdateGenerator generator = new UpdateGenerator(ACCOUNTS, random -> 51, 1);

    assertThatThrownBy(generator::next).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sampler drew row 51 outside 1..50");
    assertThatThrownBy(() -> generator.next(0, 1, "x"))
        .hasMessageContaining("row 0 is outside 1..50");
    assertThatThrownBy(() -> new TableRows("accounts", 0, 1)).hasMessageContaining("rows");
  }

  @Test
  void aShareOfTheRecordsInsertsNewRowsNumberedOnFromTheTable() {
    UpdateGenerator generator =
        new UpdateGenerator(ACCOUNTS, KeyDistribution.UNIFORM.sampler(50), 0.3, 7);

    List<ChainedUpdate> records = take(generator, 1_000);

    List<ChainedUpdate> inserts = records.stream().filter(ChainedUpdate::insert).toList();
    assertThat(inserts).hasSize(300);
    assertThat(inserts).extracting(ChainedUpdate::id)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(51, 350).boxed().toList());
    assertThat(inserts).extracting(ChainedUpdate::version).containsOnly(0L);
    assertThat(records.subList(0, 10)).filteredOn(ChainedUpdate::insert).hasSize(3);
    assertThat(generator.inserted()).isEqualTo(300);
    assertThat(generator.generated()).isEqualTo(1_000);
  }

  @Test
  void updatesChainOnInsertedRowsFromVersionOneAndNeverPrecedeTheirInsert() {
    UpdateGenerator generator =
        new UpdateGenerator(ACCOUNTS, KeyDistribution.ZIPF.sampler(50), 0.3, 11);
    java.util.Map<Long, Long> version = new java.util.HashMap<>();
    for (long id = 1; id <= 50; id++) {
      version.put(id, 1L);
    }
    int updatesOfInsertedRows = 0;

    for (int i = 0; i < 5_000; i++) {
      ChainedUpdate record = generator.next();
      if (record.insert()) {
        assertThat(version).doesNotContainKey(record.id());
        version.put(record.id(), 1L);
        continue;
      }
      assertThat(version).as("update %d of row %d", i, record.id()).containsKey(record.id());
      assertThat(record.version()).isEqualTo(version.merge(record.id(), 1L, Long::sum) - 1);
      updatesOfInsertedRows += record.id() > 50 ? 1 : 0;
    }

    assertThat(updatesOfInsertedRows).isPositive();
    assertThat(generator.version(51)).isEqualTo(version.get(51L));
  }

  @Test
  void anInsertIsAnUpsertWithoutAVersion() {
    ChainedUpdate insert = new ChainedUpdate("accounts", 51, 0, 5, "s2", true);

    assertThat(new String(insert.json(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"table\":\"accounts\",\"key\":{\"id\":51},\"op\":\"upsert\","
            + "\"set\":{\"status\":\"s2\"},\"increment\":{\"points\":5}}");
    assertThat(insert.record().version()).isNull();
  }

  @Test
  void withoutAnInsertShareTheStreamIsTheUpdateOnlyOne() {
    UpdateGenerator none = new UpdateGenerator(ACCOUNTS, KeyDistribution.UNIFORM.sampler(50), 0, 5);

    assertThat(take(none, 500)).isEqualTo(take(generator(ACCOUNTS, 5), 500));
    assertThat(none.inserted()).isZero();
  }

  @Test
  void spreadsTheInsertsEvenlyAndRefusesAShareOutsideZeroToOne() {
    long inFirstHundred = java.util.stream.LongStream.range(0, 100)
        .filter(n -> UpdateGenerator.insertsAt(0.25, n)).count();

    assertThat(inFirstHundred).isEqualTo(25);
    assertThat(UpdateGenerator.insertsAt(0, 9)).isFalse();
    assertThatThrownBy(() -> new UpdateGenerator(ACCOUNTS, random -> 1, 1.0, 1))
        .hasMessageContaining("insert share must be in [0, 1)");
    assertThatThrownBy(() -> new UpdateGenerator(ACCOUNTS, random -> 1, -0.1, 1))
        .hasMessageContaining("insert share");
  }

  private static UpdateGenerator generator(TableRows rows, long seed) {
    return new UpdateGenerator(rows, KeyDistribution.UNIFORM.sampler(rows.rows()), seed);
  }

  private static List<ChainedUpdate> take(UpdateGenerator generator, int count) {
    List<ChainedUpdate> updates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      updates.add(generator.next());
    }
    return updates;
  }
}
