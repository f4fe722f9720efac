package dev.kup.cli;

import dev.kup.schemas.FileVariables;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world; the composition root ({@link KupCommand#main})
 * passes the real one, tests a fake.
 *
 * @param env environment variables
 * @param stdin standard input
 * @param stdout standard output: results only (the summary line)
 * @param stderr standard error: diagnostics
 * @param producers makes Kafka producers
 */
public record CommandContext(
    Map<String, String> env,
    InputStream stdin,
    PrintStream stdout,
    PrintStream stderr,
    ProducerFactory producers) {

  public CommandContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(producers, "producers");
  }

  /**
   * The process's own environment (with {@code KUP_*_FILE} secrets read), streams and real Kafka
   * producers.
   *
   * @throws IllegalArgumentException when a {@code KUP_*_FILE} cannot be read
   */
  static CommandContext system() {
    return new CommandContext(
        FileVariables.resolve(System.getenv()), System.in, System.out, System.err, ProducerFactory.kafka());
  }
}
