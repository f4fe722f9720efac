package dev.kup.cli;

import dev.kup.cli.deadletter.DlqCommand;
import dev.kup.cli.deadletter.DlqListCommand;
import dev.kup.cli.deadletter.DlqShowCommand;
import dev.kup.cli.deadletter.DlqStatsCommand;
import dev.kup.cli.deadletter.ReplayCommand;
import dev.kup.cli.publish.PublishCommand;
import dev.kup.cli.status.StatusCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code kup} command and the CLI's composition root. Usage errors exit with 2, other failures
 * with 1 after one line on stderr (no stack trace).
 */
@Command(
    name = "kup",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = "Tools for the kup update pipeline: publish update records, look at and replay"
        + " dead letters, check the group's progress.",
    footerHeading = "%nShell completion:%n",
    footer = "  source <(kup generate-completion)    # bash and zsh; add it to ~/.bashrc",
    exitCodeListHeading = "%nExit codes (each command lists its own):%n",
    exitCodeList = {"0:success", "1:failure (Kafka or the database unreachable, a send failed)",
        "2:usage error"})
public final class KupCommand implements Runnable {
  public static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  @Spec private CommandSpec spec;

  /** Runs {@code kup} with the process's environment, streams and a real Kafka producer. */
  public static void main(String[] args) {
    CommandContext context;
    try {
      context = CommandContext.system();
    } catch (IllegalArgumentException e) {
      System.err.println("kup: " + e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    System.exit(commandLine(context).execute(args));
  }

  /** The whole command tree wired to {@code context}; tests call {@code execute} on it. */
  public static CommandLine commandLine(CommandContext context) {
    CommandLine kup = new CommandLine(new KupCommand());
    kup.addSubcommand(new CommandLine(new PublishCommand(context)));
    kup.addSubcommand(new CommandLine(new ReplayCommand(context)));
    kup.addSubcommand(new CommandLine(new StatusCommand(context)));
    kup.addSubcommand(new CommandLine(new DlqCommand())
        .addSubcommand(new CommandLine(new DlqListCommand(context)))
        .addSubcommand(new CommandLine(new DlqShowCommand(context)))
        .addSubcommand(new CommandLine(new DlqStatsCommand(context))));
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false);
    kup.addSubcommand("generate-completion", completion);
    kup.setOut(new PrintWriter(context.stdout(), true));
    kup.setErr(new PrintWriter(context.stderr(), true));
    kup.setExecutionExceptionHandler(
        (e, command, parseResult) -> {
          command.getErr().println("kup " + command.getCommandName() + ": " + e);
          return EXIT_FAILURE;
        });
    return kup;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KupCommand.class.getPackage().getImplementationVersion();
      return new String[] {"kup " + (version == null ? "development" : version)};
    }
  }
}
