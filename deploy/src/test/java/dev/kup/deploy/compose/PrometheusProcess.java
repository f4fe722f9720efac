package dev.kup.deploy.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code prometheus} server started as a child process on loopback, with its own data
 * directory; {@link #close()} stops it (SIGTERM, then SIGKILL) and a shutdown hook kills it if the
 * test run ends first. Methods may be called from any thread.
 */
final class PrometheusProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread killOnShutdown;

  private PrometheusProcess(Process process, int port, Path log) {
    this.process = process;
    this.base = URI.create("http://127.0.0.1:" + port);
    this.log = log;
    this.killOnShutdown = new Thread(process::destroyForcibly, "kill-prometheus");
    Runtime.getRuntime().addShutdownHook(killOnShutdown);
  }

  /** Starts {@code binary} with {@code config}, storing its series under {@code dataDir}. */
  static PrometheusProcess start(Path binary, Path config, Path dataDir, int port, Path log) {
    List<String> command = List.of(binary.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + dataDir,
        "--web.listen-address=127.0.0.1:" + port);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new PrometheusProcess(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last {@code lines} lines of its log, for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The {@code data} of an instant query's answer: {@code {resultType, result}}. */
  JsonNode query(String promQl) {
    return get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
  }

  /** The {@code data} of {@code /api/v1/rules}: {@code {groups: [{name, file, rules}]}}. */
  JsonNode rules() {
    return get("/api/v1/rules");
  }

  private JsonNode get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode()
            + ": " + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + request.uri(), e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      Runtime.getRuntime().removeShutdownHook(killOnShutdown);
    }
  }
}
