package dev.kup.localkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One exposition of the Prometheus text format (what {@code /metrics} serves), parsed: the one
 * parser of it that the tests, the demo and the image test share.
 */
public final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: series name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = Map.copyOf(labels);
    }
  }

  private final List<Sample> samples;
  private final Set<String> families;

  private PrometheusText(List<Sample> samples, Set<String> families) {
    this.samples = List.copyOf(samples);
    this.families = Set.copyOf(families);
  }

  public static PrometheusText parse(String exposition) {
    List<Sample> samples = new ArrayList<>();
    Set<String> families = new TreeSet<>();
    for (String line : exposition.split("\n")) {
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
    return new PrometheusText(samples, families);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Sum of the samples of {@code name} whose labels include all {@code labels} (name, value...). */
  public double sum(String name, String... labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && matches(s.labels(), labels))
        .mapToDouble(Sample::value).sum();
  }

  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** Every family (from its {@code # TYPE} line) and sample name exposed. */
  public Set<String> names() {
    return new TreeSet<>(families);
  }

  /** The names of the series actually served (no bare histogram family names). */
  public Set<String> sampleNames() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  private static boolean matches(Map<String, String> actual, String... wanted) {
    if (wanted.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    for (int i = 0; i < wanted.length; i += 2) {
      // as in PromQL, an empty value selects the series without that label
      if (!wanted[i + 1].equals(actual.getOrDefault(wanted[i], ""))) {
        return false;
      }
    }
    return true;
  }
}
