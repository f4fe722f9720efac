package dev.kup.bench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a table's rows, fed in ascending id order, with an {@link ExpectedState}: the merge of
 * two sorted lists, for a database without {@code FULL JOIN} (MariaDB). A row is a mismatch when
 * it is missing, extra, or differs in version, points or status. Pure; not thread-safe.
 */
public final class RowComparison {

  private static final int EXAMPLES = 5;

  private final ExpectedState expected;
  private final List<String> examples = new ArrayList<>();
  private long mismatches;
  private long lastId;

  public RowComparison(ExpectedState expected) {
    this.expected = expected;
  }

  /**
   * Takes the table's next row.
   *
   * @throws IllegalArgumentException when {@code id} is not above the previous row's
   */
  public void row(long id, long version, long points, String status) {
    if (id <= lastId) {
      throw new IllegalArgumentException("rows must come in ascending id order: " + id
          + " after " + lastId);
    }
    missingUpTo(Math.min(id - 1, expected.rows()));
    lastId = id;
    if (id > expected.rows()) {
      differs(id + ": expected no row got v" + version + "/" + points + "/" + status);
      return;
    }
    int row = (int) id;
    if (version != expected.version(row) || points != expected.points(row)
        || !status.equals(expected.status(row))) {
      differs(id + ": expected " + expectedText(row) + " got v" + version + "/" + points + "/"
          + status);
    }
  }

  /** What the rows fed so far and the expected rows never fed add up to. */
  public Verification result() {
    missingUpTo(expected.rows());
    return new Verification(expected.rows(), mismatches, examples);
  }

  private void missingUpTo(long id) {
    for (long missing = lastId + 1; missing <= id; missing++) {
      differs(missing + ": expected " + expectedText((int) missing) + " got no row");
    }
    lastId = Math.max(lastId, id);
  }

  private String expectedText(int id) {
    return "v" + expected.version(id) + "/" + expected.points(id) + "/" + expected.status(id);
  }

  private void differs(String example) {
    mismatches++;
    if (examples.size() < EXAMPLES) {
      examples.add(example);
    }
  }
}
