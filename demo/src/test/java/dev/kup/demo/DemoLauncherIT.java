package dev.kup.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.demo.stream.StreamPlan;
import dev.kup.demo.stream.UpdateStreamGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo command as a user runs it: {@code ./kup demo}, with no KUP_* variable set, so
 * on the embedded defaults (a local broker it starts itself and an H2 file). Runs it twice in one
 * data folder: the second run resumes the kept broker and still adds up.
 */
class DemoLauncherIT {
  private static final int ROWS = 2_000;
  private static final int UPDATES = 5_000;

  @Test
  void theDemoCommandRunsOnTheEmbeddedDefaultsAddsUpAndASecondRunResumesTheBroker(
      @TempDir Path dir) throws Exception {
    StreamPlan plan = new UpdateStreamGenerator(ROWS, 0.01, 0.015, 42)
        .write(UPDATES, new ByteArrayOutputStream());

    Run first = runDemo(dir);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertAddsUp(first.output(), plan);
    assertThat(first.output()).contains("H2 file in", "(embedded)");
    assertThat(dir.resolve("data").resolve("h2").resolve("kup.mv.db")).exists();
    assertThat(dir.resolve("data").resolve("kup.log")).content()
        .contains("event.code=SERVICE_STARTED");

    Run second = runDemo(dir);
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertAddsUp(second.output(), plan);
    assertThat(brokerAddress(second.output())).isEqualTo(brokerAddress(first.output()));
  }

  private static void assertAddsUp(String output, StreamPlan plan) {
    assertThat(output)
        .contains("Every record was applied once or dead-lettered with its reason")
        .doesNotContain("DID NOT ADD UP")
        .containsPattern(row("published", plan.records()))
        .containsPattern(row("applied", plan.applicable()))
        .containsPattern(row("conflicts", plan.deadLettersByReason().get("VERSION_CONFLICT")))
        .containsPattern(row("dead-lettered", plan.deadLetters()))
        .containsPattern("metrics +http://127\\.0\\.0\\.1:\\d+/metrics")
        .containsPattern("\\[#{24}\\] 100% " + String.format(Locale.ROOT, "%,d/%,d", plan.records(), plan.records()));
    plan.deadLettersByReason().forEach((reason, count) ->
        assertThat(output).containsPattern(row(reason, count)));
  }

  private static String row(String name, long value) {
    return "\n +" + Pattern.quote(name) + " +" + Pattern.quote(String.format(Locale.ROOT, "%,d", value)) + "\n";
  }

  private static String brokerAddress(String output) {
    Matcher m = Pattern.compile("local broker at (127\\.0\\.0\\.1:\\d+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  private static Run runDemo(Path dir) throws IOException, InterruptedException {
    Path output = Files.createTempFile(dir, "demo-", ".out");
    ProcessBuilder launcher = new ProcessBuilder(List.of(
        "bash", Path.of("..", "kup").toString(), "demo",
        "--rows", Integer.toString(ROWS), "--updates", Integer.toString(UPDATES),
        "--data-dir", dir.resolve("data").toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    Map<String, String> env = launcher.environment();
    env.keySet().removeIf(name -> name.startsWith("KUP_"));
    env.put("KUP_SKIP_BUILD", "true"); // the build running this test has just packaged it
    Process process = launcher.start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./kup demo did not finish in 4 minutes:\n" + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
