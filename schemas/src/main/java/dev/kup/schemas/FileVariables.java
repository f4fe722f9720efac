package dev.kup.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Secrets mounted as files, the way Kubernetes and Docker mount them: {@code KUP_<NAME>_FILE=/path}
 * stands for {@code KUP_<NAME>} holding that file's content, without its trailing line break.
 * Setting both is refused, so it is never unclear which one won. Error messages name the variable
 * and the path, never the content.
 */
public final class FileVariables {
  static final String PREFIX = "KUP_";
  static final String SUFFIX = "_FILE";

  private FileVariables() {}

  /**
   * The environment with every {@code KUP_*_FILE} replaced by the variable it stands for.
   *
   * @throws IllegalArgumentException when a file cannot be read, or a variable is also set directly
   */
  public static Map<String, String> resolve(Map<String, String> env) {
    return resolve(env, FileVariables::read);
  }

  /** As {@link #resolve(Map)}, reading files with {@code reader}. */
  static Map<String, String> resolve(Map<String, String> env, Function<Path, String> reader) {
    Map<String, String> resolved = new TreeMap<>(env);
    env.forEach((variable, path) -> {
      if (!variable.startsWith(PREFIX) || !variable.endsWith(SUFFIX)
          || variable.length() <= PREFIX.length() + SUFFIX.length()) {
        return;
      }
      String target = variable.substring(0, variable.length() - SUFFIX.length());
      if (env.containsKey(target)) {
        throw new IllegalArgumentException(
            "both " + target + " and " + variable + " are set; set one of them");
      }
      resolved.remove(variable);
      String content;
      try {
        content = reader.apply(Path.of(path));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(variable + ": " + e.getMessage());
      }
      resolved.put(target, withoutTrailingLineBreak(content));
    });
    return resolved;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) { // the exception's message could quote content
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static String withoutTrailingLineBreak(String content) {
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }
}
