package dev.kup.consumer;

import dev.kup.localkit.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/** A scrape of the service's {@code /metrics}, parsed, and HTTP helpers for its endpoints. */
final class ScrapedMetrics {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final PrometheusText text;

  private ScrapedMetrics(PrometheusText text) {
    this.text = text;
  }

  static ScrapedMetrics scrape(int port) {
    HttpResponse<String> response = get(port, "/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + response.statusCode());
    }
    return new ScrapedMetrics(PrometheusText.parse(response.body()));
  }

  /** Sum of the samples of {@code name} whose labels include all of {@code labels}. */
  double sum(String name, String... labels) {
    return text.sum(name, labels);
  }

  boolean has(String name) {
    return text.has(name);
  }

  /** Every family and sample name exposed. */
  Set<String> names() {
    return text.names();
  }

  /** The names of series actually served (no bare histogram family names). */
  Set<String> sampleNames() {
    return text.sampleNames();
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    }
  }
}
