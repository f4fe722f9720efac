package dev.kup.demo;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kup demo [options]}; {@code ./kup demo --help} lists them. */
@Command(name = "kup", subcommands = DemoCommand.class,
    description = "The kup demo launcher.")
public final class DemoMain implements Runnable {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  public static void main(String[] args) {
    System.setProperty("log4j2.configurationFile", "kup-demo-log4j2.xml");
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    CommandLine kup = new CommandLine(new DemoMain());
    kup.setExecutionExceptionHandler((e, command, parseResult) -> {
      command.getErr().println("kup " + command.getCommandName() + ": " + e.getMessage());
      return DemoRun.EXIT_DID_NOT_ADD_UP;
    });
    kup.setErr(new PrintWriter(System.err, true));
    System.exit(kup.execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "Missing required subcommand: demo");
  }
}
