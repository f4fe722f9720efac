package dev.kup.pipeline.apply;

import dev.kup.pipeline.apply.RowOutcome.Conflict;
import dev.kup.pipeline.apply.RowOutcome.NotFound;
import dev.kup.schemas.Op;
import java.util.Optional;

/**
 * What an update count means for one version-checked statement. Pure functions: the database
 * answers, this decides.
 */
final class UpdateCounts {
  private UpdateCounts() {}

  /**
   * True when the statement changed its row, false when it matched nothing.
   *
   * @throws IllegalStateException for any count but 0 or 1 (no driver count, or a non-unique key)
   */
  static boolean changedRow(int count) {
    return switch (count) {
      case 1 -> true;
      case 0 -> false;
      default -> throw new IllegalStateException("update count " + count + " for one row:"
          + " the driver must report exact counts and the key must be the primary key");
    };
  }

  /**
   * The outcome of a statement that matched no row, given the row's current version (empty when
   * the row does not exist). Empty when the change should instead insert the row: an upsert
   * expecting version 0 of an absent row.
   */
  static Optional<RowOutcome> unmatched(Op op, long expectedVersion, Optional<Long> current) {
    if (current.isEmpty()) {
      return op == Op.UPSERT && expectedVersion == 0
          ? Optional.empty()
          : Optional.of(new NotFound(expectedVersion));
    }
    return Optional.of(new Conflict(expectedVersion, current.get()));
  }
}
