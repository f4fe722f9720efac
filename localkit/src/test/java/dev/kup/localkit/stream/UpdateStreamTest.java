package dev.kup.localkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpdateStreamTest {

  private static final TableRows ROWS = new TableRows("bench_accounts", 1_000, 1);

  @Test
  void holdsTheGeneratorsUpdatesInOrder() {
    UpdateStream stream = UpdateStream.generate(ROWS, 2_000, KeyDistribution.ZIPF.sampler(1_000), 7);
    UpdateGenerator generator = new UpdateGenerator(ROWS, KeyDistribution.ZIPF.sampler(1_000), 7);

    for (int i = 0; i < stream.size(); i++) {
      assertThat(stream.update(i)).isEqualTo(generator.next());
    }
    assertThat(stream.record(3)).isEqualTo(stream.update(3).record());
    assertThat(stream.table()).isEqualTo("bench_accounts");
  }

  @Test
  void holdsTheInsertsOfAStreamWithAnInsertShare() {
    UpdateStream stream =
        UpdateStream.generate(ROWS, 2_000, KeyDistribution.UNIFORM.sampler(1_000), 0.3, 7);
    UpdateGenerator generator =
        new UpdateGenerator(ROWS, KeyDistribution.UNIFORM.sampler(1_000), 0.3, 7);

    for (int i = 0; i < stream.size(); i++) {
      assertThat(stream.update(i)).isEqualTo(generator.next());
    }
    assertThat(stream.inserts()).isEqualTo(600).isEqualTo(generator.inserted());
    assertThat(stream.prefix(10).inserts()).isEqualTo(3);
    assertThat(stream.insert(2)).isFalse();
    assertThat(stream.insert(3)).isTrue(); // floor(4 × 0.3) = 1
    assertThat(stream.id(3)).isEqualTo(1_001);
    assertThat(stream.record(3).op()).isEqualTo(dev.kup.schemas.Op.UPSERT);
  }

  @Test
  void aPrefixIsTheFirstUpdatesAndNoMore() {
    UpdateStream stream = UpdateStream.generate(ROWS, 10, KeyDistribution.UNIFORM.sampler(1_000), 7);
    UpdateStream prefix = stream.prefix(4);

    assertThat(prefix.size()).isEqualTo(4);
    assertThat(prefix.update(3)).isEqualTo(stream.update(3));
    assertThatThrownBy(() -> prefix.id(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(stream.prefix(0).size()).isZero();
  }
}
