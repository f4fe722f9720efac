package dev.kup.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine knows options, not how they are configured: no string in its code names a
 * {@code KUP_*} environment variable (the consumer maps settings to options and names them in
 * its messages). ArchUnit sees no string constants, so this reads the sources.
 */
class EngineNamesNoSettingTest {
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern STRING_NAMING_A_SETTING = Pattern.compile("\"[^\"]*KUP_[A-Z][^\"]*\"");

  @Test
  void noStringInTheEngineNamesAnEnvironmentVariable() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = STRING_NAMING_A_SETTING.matcher(lines.get(i));
          while (m.find()) {
            found.add(SOURCES.relativize(file) + ":" + (i + 1) + " " + m.group());
          }
        }
      }
    }

    assertThat(found).isEmpty();
  }

  @Test
  void theCheckSeesAStringThatNamesASetting() {
    assertThat(STRING_NAMING_A_SETTING.matcher("throw new X(\"KUP_WORKERS must be >= 1\");").find())
        .isTrue();
    assertThat(STRING_NAMING_A_SETTING.matcher("// KUP_OFFSETS on H2").find()).isFalse();
  }
}
