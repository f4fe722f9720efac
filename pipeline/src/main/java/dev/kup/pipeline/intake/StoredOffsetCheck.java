package dev.kup.pipeline.intake;

import dev.kup.pipeline.config.OffsetOutOfRangePolicy;

/**
 * Where a partition with a stored offset resumes, given its log's range when it was assigned: at
 * the stored offset when the log still holds it, else as the {@link OffsetOutOfRangePolicy} says.
 * Pure: the poll loop looks the range up and acts on the answer.
 */
final class StoredOffsetCheck {
  private StoredOffsetCheck() {}

  /** The answer. */
  sealed interface Resumption {}

  /** The log holds the stored offset: resume there. */
  record AtStored(long offset) implements Resumption {}

  /**
   * Resume at {@code to} on purpose; {@code skipped} offsets of the log are passed over (records
   * retention deleted, or the recreated log's records a jump to its end passes).
   */
  record Jump(long to, long skipped, String reason) implements Resumption {}

  /** Keep the partition paused, for the reason given. */
  record Refuse(String reason) implements Resumption {}

  /**
   * @param stored the offset stored in the database
   * @param logStart the partition's log start offset
   * @param logEnd the partition's log end offset, as this consumer's isolation level sees it
   */
  static Resumption decide(long stored, long logStart, long logEnd,
      OffsetOutOfRangePolicy policy) {
    if (stored >= logStart && stored <= logEnd) {
      return new AtStored(stored);
    }
    boolean belowStart = stored < logStart;
    String reason = "stored offset " + stored + (belowStart
        ? " is below the log start " + logStart + " (retention deleted " + (logStart - stored)
            + " records never applied)"
        : " is beyond the log end " + logEnd + " (the topic was recreated?)")
        + "; log start " + logStart + ", log end " + logEnd;
    return switch (policy) {
      case REFUSE -> new Refuse(reason + "; refused (out-of-range policy refuse)");
      case EARLIEST -> new Jump(logStart, belowStart ? logStart - stored : 0,
          reason + "; resuming at the log start " + logStart);
      case LATEST -> new Jump(logEnd, belowStart ? logEnd - stored : logEnd - logStart,
          reason + "; resuming at the log end " + logEnd);
    };
  }
}
