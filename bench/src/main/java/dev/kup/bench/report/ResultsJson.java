package dev.kup.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link BenchReport} as indented JSON; NaN becomes null. */
public final class ResultsJson {

  private ResultsJson() {}

  public static void write(BenchReport report, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String text = json.writeValueAsString(report).replace("\"NaN\"", "null")
        .replace(": NaN", ": null");
    Files.writeString(file, text + "\n");
  }
}
