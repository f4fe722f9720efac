package dev.kup.pipeline.deadletter;

import java.util.List;

/** Where dead letters go. Must be safe to call from the batch-processing thread. */
public interface DeadLetterSink {
  /**
   * Sends the dead letters and returns only once every one is acknowledged.
   *
   * @throws DeadLetterException when any one could not be written; the batch must not commit
   */
  void send(List<DeadLetter> deadLetters);
}
