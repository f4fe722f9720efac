package dev.kup.deploy.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code docker} command line, run as a child process; tests drive the real daemon with it. */
final class DockerCli {
  /** What a finished {@code docker} command returned. */
  record Result(int exitCode, String stdout, String stderr) {
    Result orFail(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + stderr.strip());
      }
      return this;
    }
  }

  private DockerCli() {}

  /** Why no daemon answers, or null when one does. */
  static String unavailableReason() {
    try {
      Result info = run(List.of("info", "--format", "{{.ServerVersion}}"), null);
      return info.exitCode() == 0 ? null : "docker info: " + info.stderr().strip();
    } catch (IOException e) {
      return "no docker command: " + e.getMessage();
    }
  }

  static Result run(String... args) throws IOException {
    return run(List.of(args), null);
  }

  /** Runs {@code docker args}, writing {@code stdin} (when not null) to it; waits up to 3 min. */
  static Result run(List<String> args, String stdin) throws IOException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(args);
    Path out = Files.createTempFile("docker-out", ".txt");
    Path err = Files.createTempFile("docker-err", ".txt");
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("docker " + args + " did not finish in 3 minutes");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
