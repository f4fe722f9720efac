package dev.kup.cli.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kup.cli.CommandContext;
import dev.kup.cli.KupCommand;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kup dlq stats}: how many letters, by reason, stage and table, over a window. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Counts dead letters by reason, stage and table, over the window --since/--until give"
          + " (default: the whole topic) and the other filters. Joins no group, commits nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:counted (possibly nothing)",
      "1:Kafka could not be reached or the topic could not be read",
      "2:usage error"
    })
public final class DlqStatsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CommandContext context;

  @Spec private CommandSpec spec;
  @Mixin private DeadLetterSource source = new DeadLetterSource();
  @Mixin private LetterFilterOptions filterOptions = new LetterFilterOptions();

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Only letters whose original came from this topic (default: any).")
  private String topic;

  @Option(names = "--json", description = "The counts as one JSON document.")
  private boolean json;

  public DlqStatsCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DeadLetterStats stats = new DeadLetterStats();
    try {
      source.forEachLetter(context.env(), filterOptions.filter(topic, Instant.now()), letter -> {
        stats.add(letter);
        return true;
      });
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    context.stdout().print(json ? json(stats) + "\n" : text(stats));
    return 0;
  }

  static String text(DeadLetterStats stats) {
    StringBuilder out = new StringBuilder("letters ").append(stats.total()).append('\n');
    section(out, "by reason", stats.byReason());
    section(out, "by stage", stats.byStage());
    section(out, "by table", stats.byTable());
    return out.toString();
  }

  static String json(DeadLetterStats stats) {
    ObjectNode node = JSON.createObjectNode();
    node.put("total", stats.total());
    counts(node.putObject("by_reason"), stats.byReason());
    counts(node.putObject("by_stage"), stats.byStage());
    counts(node.putObject("by_table"), stats.byTable());
    return node.toString();
  }

  private static void section(StringBuilder out, String title, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return;
    }
    out.append(title).append('\n');
    int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
    new TreeMap<>(counts).forEach((name, n) ->
        out.append("  ").append(String.format("%-" + width + "s", name)).append("  ").append(n)
            .append('\n'));
  }

  private static void counts(ObjectNode node, Map<String, Long> counts) {
    new TreeMap<>(counts).forEach(node::put);
  }
}
