package dev.kup.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.localkit.stream.KeyDistribution;
import dev.kup.localkit.stream.UpdateStream;
import org.junit.jupiter.api.Test;

class RowComparisonTest {

  private static final ExpectedState UNTOUCHED = ExpectedState.replay(
      UpdateStream.generate(Dataset.tableRows(4), 0, KeyDistribution.UNIFORM.sampler(4), 7), 4);

  @Test
  void passesATableEqualToTheExpectedState() {
    RowComparison comparison = new RowComparison(UNTOUCHED);
    for (long id = 1; id <= 4; id++) {
      comparison.row(id, 1, 0, "new");
    }
    assertThat(comparison.result().passed()).isTrue();
    assertThat(comparison.result().rowsCompared()).isEqualTo(4);
  }

  @Test
  void countsDifferingMissingAndExtraRows() {
    RowComparison comparison = new RowComparison(UNTOUCHED);
    comparison.row(1, 2, 0, "new");
    comparison.row(3, 1, 0, "new");
    comparison.row(5, 1, 0, "new");

    Verification result = comparison.result();

    assertThat(result.mismatches()).isEqualTo(4);
    assertThat(result.examples()).containsExactly("1: expected v1/0/new got v2/0/new",
        "2: expected v1/0/new got no row", "4: expected v1/0/new got no row",
        "5: expected no row got v1/0/new");
  }

  @Test
  void countsEveryRowOfAnEmptyTableAsMissing() {
    assertThat(new RowComparison(UNTOUCHED).result().mismatches()).isEqualTo(4);
  }

  @Test
  void refusesRowsOutOfIdOrder() {
    RowComparison comparison = new RowComparison(UNTOUCHED);
    comparison.row(2, 1, 0, "new");
    assertThatThrownBy(() -> comparison.row(2, 1, 0, "new"))
        .hasMessageContaining("ascending id order");
  }
}
