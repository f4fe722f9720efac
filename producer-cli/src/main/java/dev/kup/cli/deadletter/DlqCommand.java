package dev.kup.cli.deadletter;

import dev.kup.cli.KupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kup dlq}: the parent of the commands that look at dead letters without touching them. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    versionProvider = KupCommand.Version.class,
    description = {
      "Looks at the dead-letter topic without changing anything: reads by assignment, joins no"
          + " group, commits nothing.",
      "Subcommands: ls (one line per letter), show (one letter whole), stats (counts)."
    })
public final class DlqCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: ls, show or stats");
  }
}
