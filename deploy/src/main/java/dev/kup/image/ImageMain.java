package dev.kup.image;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The container image's entry point. With no arguments (or the service's own {@code --config
 * FILE}) it runs the consumer service; with {@code kup ...} it runs the kup CLI ({@code docker run
 * IMAGE kup replay ...}). The image has no shell to dispatch with, so this does it.
 *
 * <p>Each program runs from its own shaded jar in its own class loader: the two carry different
 * Log4j configurations (JSON on stdout for the service, plain text on stderr for the CLI) under the
 * same resource name, which one shared classpath could not keep apart.
 */
public final class ImageMain {
  static final String CLI_COMMAND = "kup";
  static final String SERVICE_MAIN = "dev.kup.consumer.KupConsumerMain";
  static final String CLI_MAIN = "dev.kup.cli.KupCommand";

  private ImageMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("kup.home", "/app"));
    Program program = Program.of(args, home);
    if (!Files.isRegularFile(program.jar())) {
      System.err.println("kup image: " + program.jar() + " is missing; the image is incomplete");
      System.exit(1);
    }
    run(program);
  }

  private static void run(Program program) throws Exception {
    URLClassLoader loader = new URLClassLoader(
        new URL[] {toUrl(program.jar())}, ClassLoader.getPlatformClassLoader());
    // JDBC drivers, Log4j plugins and ServiceLoader lookups follow the context class loader
    Thread.currentThread().setContextClassLoader(loader);
    Method main = loader.loadClass(program.mainClass()).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) program.args());
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static URL toUrl(Path jar) throws MalformedURLException {
    return jar.toUri().toURL();
  }

  /** Which program the arguments ask for, from which jar, with which of the arguments. */
  record Program(Path jar, String mainClass, String[] args) {
    static Program of(String[] args, Path home) {
      if (args.length > 0 && args[0].equals(CLI_COMMAND)) {
        return new Program(home.resolve("kup-cli.jar"), CLI_MAIN,
            Arrays.copyOfRange(args, 1, args.length));
      }
      return new Program(home.resolve("kup-consumer.jar"), SERVICE_MAIN, args.clone());
    }
  }
}
