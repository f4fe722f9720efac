package dev.kup.cli;

import java.io.PrintWriter;
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
    description = "Tools for the kup update pipeline: publish update records, replay dead letters.")
public final class KupCommand implements Runnable {
  static final int EXIT_FAILURE = 1;
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
  static CommandLine commandLine(CommandContext context) {
    CommandLine kup = new CommandLine(new KupCommand());
    kup.addSubcommand(new CommandLine(new PublishCommand(context)));
    kup.addSubcommand(new CommandLine(new ReplayCommand(context)));
    kup.addSubcommand(new CommandLine(new StatusCommand(context)));
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
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KupCommand.class.getPackage().getImplementationVersion();
      return new String[] {"kup " + (version == null ? "development" : version)};
    }
  }
}
