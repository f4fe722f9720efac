package dev.kup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers --help, lists its exit codes, and the shell can complete them. */
class KupCommandHelpTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void everyCommandAnswersHelpWithItsExitCodes() {
    List<List<String>> paths = new ArrayList<>();
    collect(KupCommand.commandLine(context()), new ArrayList<>(), paths);
    assertThat(paths).extracting(p -> String.join(" ", p))
        .contains("publish", "replay", "dlq", "dlq ls", "dlq show", "dlq stats",
            "generate-completion");

    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      out.reset();
      assertThat(KupCommand.commandLine(context()).execute(args.toArray(String[]::new)))
          .as("kup %s --help", path).isZero();
      String help = out.toString(StandardCharsets.UTF_8);
      assertThat(help).as("kup %s --help", path).contains("Usage: kup");
      if (!path.equals(List.of("generate-completion")) && !path.equals(List.of("dlq"))) {
        assertThat(help).as("kup %s --help", path).contains("Exit codes");
      }
    }
  }

  @Test
  void theKafkaConventionsAreSpelledAsKafkasToolsAndKcatSpellThem() {
    out.reset();
    KupCommand.commandLine(context()).execute("dlq", "ls", "--help");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("-b, --bootstrap-server, --bootstrap-servers")
        .contains("-F, --command-config=FILE");
  }

  @Test
  void completionCoversTheSubcommandsAndTheirOptions() {
    out.reset();
    assertThat(KupCommand.commandLine(context()).execute("generate-completion")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("complete -F _complete_kup")
        .contains("--max-replays").contains("--trace-id").contains("--bootstrap-server");
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    command.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().name().equals(name) || name.equals("generate-completion")) {
        List<String> next = new ArrayList<>(path);
        next.add(name);
        into.add(next);
        collect(sub, next, into);
      }
    });
  }

  private CommandContext context() {
    return new CommandContext(Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), config -> {
          throw new AssertionError("help sends nothing");
        });
  }
}
