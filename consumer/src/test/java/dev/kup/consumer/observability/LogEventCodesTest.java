package dev.kup.consumer.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.consumer.monitoring.ServiceEvent;
import dev.kup.pipeline.log.EngineEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/operations.md explains exactly the log event codes the code declares, each once. */
class LogEventCodesTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| ", Pattern.MULTILINE);

  @Test
  void theOperationsGuideExplainsEveryEventCodeOnce() throws IOException {
    String guide = Files.readString(
        MonitoringFiles.repositoryRoot().resolve("docs").resolve("operations.md"));
    Set<String> documented = new TreeSet<>();
    Matcher row = ROW.matcher(guide.substring(guide.indexOf("| `event.code` |")));
    while (row.find()) {
      assertThat(documented.add(row.group(1))).as("%s documented once", row.group(1)).isTrue();
    }
    Set<String> declared = new TreeSet<>();
    Stream.concat(Arrays.stream(ServiceEvent.values()).map(Enum::name),
        Arrays.stream(EngineEvent.values()).map(Enum::name)).forEach(code ->
            assertThat(declared.add(code)).as("%s declared once", code).isTrue());

    assertThat(documented).isEqualTo(declared);
  }
}
