package dev.kup.bench.data;

import java.util.List;

/**
 * The result of comparing {@code bench_accounts} with an {@link ExpectedState}.
 *
 * @param rowsCompared rows in the expected state
 * @param mismatches rows missing, extra, or differing in version, points or status
 * @param examples up to a few differing rows, {@code id: expected … got …}, for the report
 */
public record Verification(long rowsCompared, long mismatches, List<String> examples) {

  public Verification {
    examples = List.copyOf(examples);
  }

  public boolean passed() {
    return mismatches == 0;
  }

  /** A one-line account for the console. */
  public String describe() {
    return passed()
        ? String.format("verified %,d rows", rowsCompared)
        : String.format("FAILED: %,d of %,d rows differ, e.g. %s", mismatches, rowsCompared,
            examples);
  }
}
