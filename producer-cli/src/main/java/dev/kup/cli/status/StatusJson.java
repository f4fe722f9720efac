package dev.kup.cli.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.cli.deadletter.DeadLetterCounts;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link StatusReport} as one JSON document for scripts. Field names are snake_case and a public
 * contract of the command: add, never rename. Absent facts are {@code null}; ages are whole
 * seconds.
 */
final class StatusJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatusJson() {}

  static String render(StatusReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("group", report.group());
    root.put("topic", report.topic());
    root.put("checked_at", report.checkedAt().toString());
    root.put("stuck_after_seconds", report.stuckAfter().toSeconds());
    root.put("stored_offsets_known", report.storedKnown());
    root.put("stuck", report.stuck());
    ArrayNode stuck = root.putArray("stuck_partitions");
    report.stuckPartitions().forEach(stuck::add);
    root.put("total_lag", report.totalLag());
    ArrayNode partitions = root.putArray("partitions");
    report.partitions().forEach(status -> partition(status, partitions.addObject()));
    if (report.deadLetters().isPresent()) {
      deadLetters(report.deadLetters().get(), root.putObject("dead_letters"));
    } else {
      root.putNull("dead_letters");
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the status as JSON", e);
    }
  }

  private static void partition(PartitionStatus status, ObjectNode node) {
    PartitionFacts facts = status.facts();
    node.put("partition", facts.partition());
    node.put("log_start", facts.logStart());
    node.put("log_end", facts.logEnd());
    if (facts.kafkaCommitted().isPresent()) {
      node.put("kafka_committed", facts.kafkaCommitted().getAsLong());
    } else {
      node.putNull("kafka_committed");
    }
    if (facts.stored() instanceof StoredOffset.Committed committed) {
      node.put("stored_offset", committed.nextOffset());
      node.put("stored_updated_at", committed.updatedAt().toString());
    } else {
      node.putNull("stored_offset");
      node.putNull("stored_updated_at");
    }
    node.put("lag", status.lag());
    seconds(node, "last_commit_age_seconds", status.lastCommitAge());
    seconds(node, "oldest_waiting_record_age_seconds", status.oldestWaitingAge());
    node.put("never_committed", facts.neverCommitted());
    node.put("state", status.state().wireName());
    node.put("stuck", status.stuck());
  }

  private static void deadLetters(DeadLetterCounts counts, ObjectNode node) {
    node.put("topic", counts.deadLetterTopic());
    node.put("original_topic", counts.originalTopic());
    node.put("exists", counts.topicExists());
    node.put("total", counts.total());
    ObjectNode byReason = node.putObject("by_reason");
    counts.byReason().forEach(byReason::put);
    node.put("other_topics", counts.otherTopics());
  }

  private static void seconds(ObjectNode node, String name, Optional<Duration> age) {
    if (age.isPresent()) {
      node.put(name, age.get().toSeconds());
    } else {
      node.putNull(name);
    }
  }
}
