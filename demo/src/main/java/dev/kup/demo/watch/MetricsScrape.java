package dev.kup.demo.watch;

import dev.kup.localkit.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the service's {@code /metrics} as any Prometheus scraper would, and keeps the few series
 * the status line shows: {@code kup_records_total} by outcome and {@code kup_dead_letters_total}.
 */
public final class MetricsScrape {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;

  public MetricsScrape(URI uri) {
    this.uri = uri;
  }

  /** The URL scraped. */
  public URI uri() {
    return uri;
  }

  /**
   * Scrapes once.
   *
   * @throws IllegalStateException when the endpoint does not answer 200
   */
  public Snapshot scrape() {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot scrape " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted scraping " + uri, e);
    }
  }

  /** Sums the series of the Prometheus text exposition the snapshot keeps. */
  static Snapshot parse(String exposition) {
    PrometheusText text = PrometheusText.parse(exposition);
    Map<String, Long> byOutcome = new HashMap<>();
    for (PrometheusText.Sample sample : text.samples()) {
      String outcome = sample.labels().get("outcome");
      if (sample.name().equals("kup_records_total") && outcome != null) {
        byOutcome.merge(outcome, (long) sample.value(), Long::sum);
      }
    }
    return new Snapshot(byOutcome, (long) text.sum("kup_dead_letters_total"));
  }

  /**
   * Counters at one scrape.
   *
   * @param recordsByOutcome {@code kup_records_total} summed over tables, by outcome
   * @param deadLetters {@code kup_dead_letters_total} summed over stages and reasons
   */
  public record Snapshot(Map<String, Long> recordsByOutcome, long deadLetters) {
    public static final Snapshot EMPTY = new Snapshot(Map.of(), 0);

    public Snapshot {
      recordsByOutcome = Map.copyOf(recordsByOutcome);
    }

    public long outcome(String outcome) {
      return recordsByOutcome.getOrDefault(outcome, 0L);
    }
  }
}
