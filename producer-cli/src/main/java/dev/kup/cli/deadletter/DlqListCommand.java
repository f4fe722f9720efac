package dev.kup.cli.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kup dlq ls}: one line per dead letter, filtered. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Lists dead letters, oldest first within a partition: failed at, PARTITION@OFFSET in the"
          + " dead-letter topic (what 'kup dlq show' takes), original topic/partition/offset,"
          + " stage, reason, Kafka key and the start of the message.",
      "Reads from the beginning (or from --since) to the end at the start; joins no group and"
          + " commits nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed (possibly nothing)",
      "1:Kafka could not be reached or the topic could not be read",
      "2:usage error (unknown reason or stage, unreadable time, missing topic)"
    })
public final class DlqListCommand implements Callable<Integer> {
  static final int MESSAGE_CHARS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CommandContext context;

  @Spec private CommandSpec spec;
  @Mixin private DeadLetterSource source = new DeadLetterSource();
  @Mixin private LetterFilterOptions filterOptions = new LetterFilterOptions();

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Only letters whose original came from this topic (default: any).")
  private String topic;

  @Option(names = "--limit", paramLabel = "N",
      description = "Stop after N letters (default: no limit).")
  private long limit = Long.MAX_VALUE;

  @Option(names = "--json", description = "One JSON object per letter and line.")
  private boolean json;

  public DlqListCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
    }
    long[] listed = {0};
    try {
      source.forEachLetter(context.env(), filterOptions.filter(topic, Instant.now()), letter -> {
        context.stdout().println(json ? json(letter) : line(letter));
        return ++listed[0] < limit;
      });
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    context.stderr().println("listed=" + listed[0]);
    return 0;
  }

  /** The one-line form: what an operator scans for. */
  static String line(DeadLetterView letter) {
    return letter.failedAt() + " " + letter.position() + " "
        + (letter.origin() == null ? "?" : letter.origin().where()) + " "
        + orDash(letter.stage()) + " " + orDash(letter.reason()) + " key=" + orDash(letter.key())
        + " " + shortMessage(letter.message());
  }

  static String json(DeadLetterView letter) {
    ObjectNode node = JSON.createObjectNode();
    node.put("failed_at", letter.failedAt().toString());
    node.put("dlq_partition", letter.record().partition());
    node.put("dlq_offset", letter.record().offset());
    if (letter.origin() != null) {
      node.put("original_topic", letter.origin().topic());
      node.put("original_partition", letter.origin().partition());
      node.put("original_offset", letter.origin().offset());
      if (letter.origin().timestamp() >= 0) {
        node.put("original_timestamp", letter.origin().timestamp());
      }
    }
    node.put("stage", letter.stage());
    node.put("reason", letter.reason());
    node.put("table", letter.table());
    node.put("key", letter.key());
    node.put("message", letter.message());
    node.put("trace_id", letter.traceId());
    node.put("replays", letter.replays());
    return node.toString();
  }

  private static String shortMessage(String message) {
    if (message == null) {
      return "-";
    }
    String flat = message.replaceAll("\\s+", " ").strip();
    return flat.length() <= MESSAGE_CHARS ? flat : flat.substring(0, MESSAGE_CHARS - 1) + "\u2026";
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
