package dev.kup.pipeline.apply;

import dev.kup.pipeline.validate.RowChange;
import dev.kup.pipeline.validate.RowChange.RowId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch into waves in which every row appears at most once: wave k holds the k-th change
 * of each row. Running the waves one after another keeps each row's changes in order, while the
 * changes inside one wave touch distinct rows and can run in any order (so grouped by SQL shape).
 */
final class Waves {
  private Waves() {}

  /** Returns, per wave, the positions (indexes into {@code changes}) it holds, ascending. */
  static List<List<Integer>> of(List<RowChange> changes) {
    Map<RowId, Integer> seen = new HashMap<>();
    List<List<Integer>> waves = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      int wave = seen.merge(changes.get(i).rowId(), 1, Integer::sum) - 1;
      if (wave == waves.size()) {
        waves.add(new ArrayList<>());
      }
      waves.get(wave).add(i);
    }
    return waves;
  }
}
