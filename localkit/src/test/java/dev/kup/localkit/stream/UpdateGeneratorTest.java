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
