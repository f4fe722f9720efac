package dev.kup.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.consumer.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the settings the code reads, with their defaults. */
class ReadmeSettingsIT {
  private static final Pattern ROW = Pattern.compile("^\\| `(KUP_[A-Z_]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

  @Test
  void theConfigurationTableMatchesTheSettingsTheCodeReads() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Set<String> documented = new TreeSet<>();
    Matcher m = ROW.matcher(readme);
    while (m.find()) {
      documented.add(m.group(1));
      Setting setting = Arrays.stream(Setting.values())
          .filter(s -> s.envName().equals(m.group(1))).findFirst().orElse(null);
      if (setting != null && setting.defaultValue() != null && !setting.defaultValue().isEmpty()) {
        assertThat(m.group(2).trim()).as("default of %s", m.group(1))
            .isEqualTo("`" + setting.defaultValue() + "`");
      }
    }
    Set<String> read = new TreeSet<>();
    Arrays.stream(Setting.values()).forEach(s -> read.add(s.envName()));

    assertThat(documented).isEqualTo(read);
  }
}
