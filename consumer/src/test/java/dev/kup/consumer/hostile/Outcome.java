package dev.kup.consumer.hostile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one record of a scenario must come to: the contract each case states. */
sealed interface Outcome {

  /** A dead letter's reason code and stage, as its headers say them. */
  record Verdict(String reason, String stage) {
    @Override
    public String toString() {
      return reason + "@" + stage;
    }
  }

  /**
   * Dead-lettered exactly once with one of {@code verdicts}; its exception message names every
   * text of {@code mentions} (ignoring case), and neither its message nor its stack trace holds
   * any text of {@code secrets}. Its value is the record's value, byte for byte; or, when {@code
   * valueOmitted}, absent, with the header {@link #VALUE_OMITTED} saying so.
   */
  record DeadLettered(
      Set<Verdict> verdicts, List<String> mentions, List<String> secrets, boolean valueOmitted)
      implements Outcome {
    /** The header of a letter written without its value because it did not fit its topic. */
    static final String VALUE_OMITTED = "kup.dlq.value.omitted";

    public DeadLettered {
      verdicts = Set.copyOf(verdicts);
      mentions = List.copyOf(mentions);
      secrets = List.copyOf(secrets);
    }
  }

  /** Applied: its row ends with these values (Java values of the columns), one version later. */
  record Applies(Map<String, Object> columns) implements Outcome {
    public Applies {
      columns = Map.copyOf(columns);
    }
  }
}
