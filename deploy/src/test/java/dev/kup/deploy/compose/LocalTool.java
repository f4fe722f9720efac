package dev.kup.deploy.compose;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A binary of the machine the tests run on (docker-compose, promtool, prometheus), found on the
 * {@code PATH}. A test that needs one which is missing is skipped, with the reason on stderr as
 * well as in the report, so a CI log shows what it did not check.
 */
final class LocalTool {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);

  /** What a finished run printed (stdout and stderr together) and its exit code. */
  record Run(List<String> command, int exitCode, String output) {}

  private LocalTool() {}

  static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Returns the binary, or skips the calling test saying what to install. */
  static Path require(String name, String packageHint) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      skip(name + " is not on the PATH (" + packageHint + ")");
    }
    return found.orElseThrow();
  }

  static void skip(String reason) {
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** Runs the command to its end (at most a minute) in {@code dir}. */
  static Run run(Path dir, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " still running after " + RUN_TIMEOUT);
      }
      return new Run(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
