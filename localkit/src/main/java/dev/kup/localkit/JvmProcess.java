package dev.kup.localkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM, for process tests and the benchmark's consumer runs: started with {@code java}
 * of the running JVM, its stdout and stderr appended to one log file, and killed by a shutdown hook
 * if the running JVM ends first. Methods may be called from any thread.
 */
public final class JvmProcess {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path logFile;
  private final Thread killOnShutdown;

  private JvmProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    this.killOnShutdown = new Thread(process::destroyForcibly, "kill-jvm-" + process.pid());
  }

  /**
   * Starts {@code mainClass} with the running JVM's own {@code java.class.path}, so any main class
   * of its classpath can run.
   *
   * @param jvmArgs options placed before the main class, such as {@code -Xmx64m}
   * @param args arguments of the main method
   * @param extraEnv variables added to (or replacing in) the inherited environment
   * @param logFile file that stdout and stderr are appended to; missing directories are created
   */
  public static JvmProcess start(
      String mainClass,
      List<String> jvmArgs,
      List<String> args,
      Map<String, String> extraEnv,
      Path logFile) {
    return start(
        System.getProperty("java.class.path"), mainClass, jvmArgs, args, extraEnv, logFile);
  }

  /** Starts {@code mainClass} with the given classpath; otherwise as the public variant. */
  static JvmProcess start(
      String classpath,
      String mainClass,
      List<String> jvmArgs,
      List<String> args,
      Map<String, String> extraEnv,
      Path logFile) {
    return launch(List.of("-cp", classpath, mainClass), mainClass, jvmArgs, args, extraEnv, logFile);
  }

  /**
   * Starts {@code java -jar jar}, the way a user runs a packaged service; otherwise as {@link
   * #start(String, List, List, Map, Path)}.
   */
  public static JvmProcess startJar(
      Path jar, List<String> jvmArgs, List<String> args, Map<String, String> extraEnv, Path logFile) {
    return launch(List.of("-jar", jar.toString()), jar.toString(), jvmArgs, args, extraEnv, logFile);
  }

  private static JvmProcess launch(
      List<String> target,
      String name,
      List<String> jvmArgs,
      List<String> args,
      Map<String, String> extraEnv,
      Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(target);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(extraEnv);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      JvmProcess started = new JvmProcess(builder.start(), logFile);
      started.registerKillOnShutdown();
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Returns the operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** Tells whether the process has not exited yet; a stopped (SIGSTOP) process is alive. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGKILL and returns once the process is gone. */
  public void kill9() {
    process.destroyForcibly();
    waitFor(EXIT_TIMEOUT);
  }

  /** Sends SIGTERM and returns at once; use {@link #waitFor(Duration)} to see it exit. */
  public void sigterm() {
    process.destroy();
  }

  /** Sends SIGSTOP: the process freezes, sockets open, until {@link #sigcont()}. */
  public void sigstop() {
    signal("STOP");
  }

  /** Sends SIGCONT to a process frozen by {@link #sigstop()}. */
  public void sigcont() {
    signal("CONT");
  }

  /**
   * Waits for the process to exit and returns its exit code (128 + signal number when a signal
   * ended it).
   *
   * @throws IllegalStateException if it is still running after {@code timeout}
   */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "process "
                + pid()
                + " still running after "
                + timeout
                + "; last lines of "
                + logFile
                + ":\n"
                + logTail(50));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for process " + pid(), e);
    }
  }

  /** Returns at most the last {@code lines} lines of the log file. */
  public String logTail(int lines) {
    return LogTail.of(logFile, lines);
  }

  /** Returns the file that stdout and stderr are appended to. */
  public Path logFile() {
    return logFile;
  }

  private void signal(String name) {
    // Java offers only TERM and KILL; the shell's builtin kill sends the others.
    try {
      Process kill =
          new ProcessBuilder("sh", "-c", "kill -" + name + " " + pid())
              .redirectErrorStream(true)
              .start();
      String output = new String(kill.getInputStream().readAllBytes());
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + name, e);
    }
  }

  private void registerKillOnShutdown() {
    Runtime.getRuntime().addShutdownHook(killOnShutdown);
    process.onExit().thenRun(this::unregisterKillOnShutdown);
  }

  private void unregisterKillOnShutdown() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnShutdown);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook is running or about to; nothing left to undo
    }
  }
}
