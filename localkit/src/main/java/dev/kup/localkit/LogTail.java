package dev.kup.localkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file written by a child process, for failure messages. */
final class LogTail {

  private LogTail() {}

  /**
   * Returns at most {@code lines} last lines of the file joined by newlines, or an empty string if
   * the file does not exist yet. Bytes that are not UTF-8 are replaced rather than rejected.
   */
  static String of(Path file, int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must be >= 0, was " + lines);
    }
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      List<String> all = text.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
