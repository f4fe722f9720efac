package dev.kup.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kup.demo.stream.DemoStream;
import dev.kup.demo.stream.StreamPlan;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * data folder: the second run resumes the kept broker and still adds up. And with
 * {@code --keep-running}: up and ready after the summary, and a stop takes the broker with it.
 */
class DemoLauncherIT {
  private static final int ROWS = 2_000;
  private static final int UPDATES = 5_000;

  @Test
  void theDemosRuntimeClasspathCarriesNoTestLibrary() throws IOException {
    List<String> jars = Arrays.stream(Files.readString(Path.of("target", "classpath.txt")).strip()
        .split(File.pathSeparator)).map(jar -> Path.of(jar).getFileName().toString()).toList();

    assertThat(jars).anyMatch(jar -> jar.startsWith("kafka-clients-"))
        .anyMatch(jar -> jar.startsWith("kup-localkit-"))
        .noneMatch(jar -> jar.startsWith("kup-testkit"))
        .noneMatch(jar -> jar.startsWith("junit-") || jar.startsWith("opentest4j-"))
        .noneMatch(jar -> jar.startsWith("testcontainers") || jar.startsWith("docker-java"));
  }

  @Test
  void theDemoCommandRunsOnTheEmbeddedDefaultsAddsUpAndASecondRunResumesTheBroker(
      @TempDir Path dir) throws Exception {
    StreamPlan plan = new DemoStream(ROWS, 0.01, 0.015, 42)
        .write(UPDATES, new ByteArrayOutputStream());

    Run first = runDemo(dir);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertAddsUp(first.output(), plan);
    assertThat(first.output()).contains("H2 file in", "(embedded)");
    assertThat(dir.resolve("data").resolve("h2").resolve("kup.mv.db")).exists();
    assertThat(dir.resolve("data").resolve("kup.log")).content()
        .contains("\"event.code\":\"SERVICE_STARTED\"");

    Run second = runDemo(dir);
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertAddsUp(second.output(), plan);
    assertThat(brokerAddress(second.output())).isEqualTo(brokerAddress(first.output()));
  }

  @Test
  void keepRunningLeavesTheServiceUpAndReadyUntilStoppedThenStopsTheBrokerToo(@TempDir Path dir)
      throws Exception {
    Path output = dir.resolve("demo.out");
    Process demo = launcher(dir, output, Map.of("KUP_HTTP_PORT", "0"), "--keep-running").start();
    try {
      String text = awaitOutput(demo, output, "kup keeps running");
      Matcher metrics = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+)/metrics").matcher(text);
      assertThat(metrics.find()).as(text).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      assertThat(http.send(HttpRequest.newBuilder(URI.create(metrics.group(1) + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(demo.isAlive()).isTrue();

      demo.destroy(); // SIGTERM runs the same shutdown hooks as Ctrl-C
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      String[] broker = brokerAddress(text).split(":");
      assertThatThrownBy(() -> new Socket(broker[0], Integer.parseInt(broker[1])).close())
          .as("the local broker stopped with the demo").isInstanceOf(IOException.class);
      assertThat(dir.resolve("data").resolve("kup.log")).content().contains("PARTITIONS_REVOKED");
    } finally {
      demo.destroyForcibly();
    }
  }

  private static String awaitOutput(Process process, Path output, String expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(output) ? Files.readString(output) : "";
      if (text.contains(expected)) {
        return text;
      }
      if (!process.isAlive()) {
        throw new AssertionError("./kup demo exited " + process.exitValue() + ":\n" + text);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + expected + "' within 4 minutes:\n" + Files.readString(output));
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

  /** {@code ./kup demo} at the reduced size, with no KUP_* variable but {@code extraEnv}. */
  private static ProcessBuilder launcher(
      Path dir, Path output, Map<String, String> extraEnv, String... extraArgs) {
    List<String> command = new ArrayList<>(List.of(
        "bash", Path.of("..", "kup").toString(), "demo",
        "--rows", Integer.toString(ROWS), "--updates", Integer.toString(UPDATES),
        "--data-dir", dir.resolve("data").toString()));
    command.addAll(List.of(extraArgs));
    ProcessBuilder launcher = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    Map<String, String> env = launcher.environment();
    env.keySet().removeIf(name -> name.startsWith("KUP_"));
    env.put("KUP_SKIP_BUILD", "true"); // the build running this test has just packaged it
    env.putAll(extraEnv);
    return launcher;
  }

  private static Run runDemo(Path dir) throws IOException, InterruptedException {
    Path output = Files.createTempFile(dir, "demo-", ".out");
    Process process = launcher(dir, output, Map.of()).start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./kup demo did not finish in 4 minutes:\n" + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
