package dev.kup.consumer.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The consumer's HTTP surface on the JDK's built-in server: {@code GET /metrics} (Prometheus text
 * format), {@code GET /health/live} and {@code GET /health/ready} (JSON saying why when not).
 */
public final class HttpEndpoints implements AutoCloseable {
  /** The paths are a public contract: probes, scrape configurations and the Helm chart name them. */
  public static final String METRICS_PATH = "/metrics";
  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  /** Starts serving on {@code port} (0 picks a free one) of every interface. */
  public static HttpEndpoints start(int port, Supplier<String> scrape, Health health) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server.setExecutor(Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "kup-http");
        t.setDaemon(true);
        return t;
      }));
      server.createContext(METRICS_PATH, ex -> respond(ex, 200, PROMETHEUS_TEXT, scrape.get()));
      server.createContext(LIVE_PATH, ex -> {
        boolean live = health.live();
        respond(ex, live ? 200 : 503, "application/json",
            "{\"status\":\"" + (live ? "UP" : "DOWN") + "\"}");
      });
      server.createContext(READY_PATH, ex -> ready(ex, health.readiness()));
      server.start();
      return new HttpEndpoints(server);
    } catch (IOException e) {
      throw new UncheckedIOException("KUP_HTTP_PORT: cannot listen on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void ready(HttpExchange exchange, Map<String, String> checks) throws IOException {
    boolean ready = checks.values().stream().allMatch(v -> v == null);
    String body = "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"checks\":{"
        + checks.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() == null
                ? "{\"status\":\"UP\"}"
                : "{\"status\":\"DOWN\",\"reason\":\"" + json(e.getValue()) + "\"}"))
            .collect(Collectors.joining(","))
        + "}}";
    respond(exchange, ready ? 200 : 503, "application/json", body);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      status = 405;
      body = "";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
