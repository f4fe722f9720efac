package dev.kup.demo.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the service's {@code /metrics} as any Prometheus scraper would, and keeps the few series
 * the status line shows: {@code kup_records_total} by outcome and {@code kup_dead_letters_total}.
 */
public final class MetricsScrape {
  private static final Pattern RECORDS =
      Pattern.compile("^kup_records_total\\{[^}]*outcome=\"([a-z_]+)\"[^}]*\\} (\\S+)$");
  private static final Pattern DEAD_LETTERS = Pattern.compile("^kup_dead_letters_total\\{[^}]*\\} (\\S+)$");

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
    Map<String, Long> byOutcome = new HashMap<>();
    long deadLetters = 0;
    for (String line : exposition.split("\n")) {
      Matcher records = RECORDS.matcher(line);
      if (records.matches()) {
        byOutcome.merge(records.group(1), (long) Double.parseDouble(records.group(2)), Long::sum);
        continue;
      }
      Matcher dead = DEAD_LETTERS.matcher(line);
      if (dead.matches()) {
        deadLetters += (long) Double.parseDouble(dead.group(1));
      }
    }
    return new Snapshot(byOutcome, deadLetters);
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
