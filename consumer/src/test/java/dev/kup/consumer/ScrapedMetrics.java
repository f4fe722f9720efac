package dev.kup.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed scrape of {@code /metrics} (Prometheus text format) and HTTP helpers for the endpoints. */
final class ScrapedMetrics {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One sample: family name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final Set<String> families;

  private ScrapedMetrics(List<Sample> samples, Set<String> families) {
    this.samples = samples;
    this.families = families;
  }

  static ScrapedMetrics scrape(int port) {
    HttpResponse<String> response = get(port, "/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + response.statusCode());
    }
    return parse(response.body());
  }

  static ScrapedMetrics parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Set<String> families = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      }
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.find()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
      families.add(m.group(1));
    }
    return new ScrapedMetrics(samples, families);
  }

  /** Sum of the samples of {@code name} whose labels include all of {@code labels}. */
  double sum(String name, String... labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && matches(s.labels(), labels))
        .mapToDouble(Sample::value).sum();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** Every family and sample name exposed. */
  Set<String> names() {
    return families;
  }

  /** The names of series actually served (no bare histogram family names). */
  Set<String> sampleNames() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  private static boolean matches(Map<String, String> actual, String... wanted) {
    for (int i = 0; i < wanted.length; i += 2) {
      if (!wanted[i + 1].equals(actual.get(wanted[i]))) {
        return false;
      }
    }
    return true;
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
