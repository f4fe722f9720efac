package dev.kup.consumer.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL that the shipped monitoring files run: every {@code targets[].expr} of the Grafana
 * dashboard {@value #DASHBOARD} (panels nested in collapsed rows included, and the queries of its
 * template variables) and every {@code rules[].expr} of the Prometheus rules file {@value #ALERTS}.
 * Paths resolve against the repository root, found from the working directory upwards, so this
 * works from the module ({@code consumer/}, as Surefire and Failsafe run it) and from the root.
 * Reads the files on each call; stateless.
 */
final class MonitoringFiles {
  static final String DASHBOARD = "dashboards/kup.json";
  static final String ALERTS = "dashboards/kup-alerts.yml";

  /** Series that Prometheus itself writes for every scrape target. */
  static final Set<String> PROMETHEUS_SYNTHETIC = Set.of("up");
  /** The series a histogram (or summary) family {@code X} exposes as {@code X_bucket} and so on. */
  private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum");
  /** Grafana's {@code label_values(selector, label)} variable query. */
  private static final Pattern LABEL_VALUES = Pattern.compile(
      "^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
  private static final Pattern QUERY_RESULT =
      Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

  /** One PromQL expression and where it lives, e.g. {@code kup.json panel 4 "Lag" target A}. */
  record Query(String source, String expr) {}

  /** A dashboard panel that shows data (rows excluded), with its raw JSON and its queries. */
  record Panel(String title, JsonNode json, List<Query> queries) {}

  /** One rule of the rules file; {@code forDuration} is null when the rule has no {@code for}. */
  record Rule(
      String group,
      String name,
      String expr,
      String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {}

  private MonitoringFiles() {}

  /** Every query of both files: the dashboard's first, then the rules'. */
  static List<Query> queries() {
    List<Query> all = new ArrayList<>(dashboardQueries());
    all.addAll(alertQueries());
    return all;
  }

  /** Each metric name the files read, with the sources that read it, sorted by name. */
  static Map<String, List<String>> metricNameUses() {
    Map<String, List<String>> uses = new TreeMap<>();
    for (Query query : queries()) {
      for (String name : PromQlMetricNames.extract(query.expr())) {
        uses.computeIfAbsent(name, n -> new ArrayList<>()).add(query.source());
      }
    }
    return uses;
  }

  /**
   * Whether {@code name} is served by a scrape whose metric families are {@code exposedFamilies}
   * (names as in the text format's {@code # TYPE} lines, where a counter's family already ends in
   * {@code _total}): the name itself, {@code X_bucket}, {@code X_count} or {@code X_sum} of a
   * family {@code X}, or a series Prometheus adds itself ({@code up}).
   */
  static boolean isExposed(String name, Set<String> exposedFamilies) {
    if (exposedFamilies.contains(name) || PROMETHEUS_SYNTHETIC.contains(name)) {
      return true;
    }
    return HISTOGRAM_SUFFIXES.stream().anyMatch(suffix -> name.endsWith(suffix)
        && exposedFamilies.contains(name.substring(0, name.length() - suffix.length())));
  }

  /** The names in {@code names} that {@link #isExposed} rejects, sorted. */
  static Set<String> notExposed(Set<String> names, Set<String> exposedFamilies) {
    Set<String> missing = new TreeSet<>();
    names.stream().filter(n -> !isExposed(n, exposedFamilies)).forEach(missing::add);
    return missing;
  }
  static List<Query> dashboardQueries() {
    List<Query> queries = new ArrayList<>();
    dashboardPanels().forEach(panel -> queries.addAll(panel.queries()));
    queries.addAll(variableQueries(dashboard()));
    return queries;
  }

  static List<Query> alertQueries() {
    return alertRules().stream()
        .map(rule -> new Query(fileName(ALERTS) + " rule " + rule.name(), rule.expr()))
        .toList();
  }

  static JsonNode dashboard() {
    return read(DASHBOARD, new ObjectMapper());
  }

  /** The panels that show data, in file order, with those inside collapsed rows flattened in. */
  static List<Panel> dashboardPanels() {
    List<Panel> panels = new ArrayList<>();
    collectPanels(dashboard().path("panels"), panels);
    return panels;
  }

  static List<Rule> alertRules() {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode group : read(ALERTS, new ObjectMapper(new YAMLFactory())).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        rules.add(toRule(group.path("name").asText(), rule));
      }
    }
    return rules;
  }

  /** The repository's root: the nearest directory, from the working one upwards, with mvnw. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no mvnw in " + Path.of("").toAbsolutePath() + " or above");
  }

  private static void collectPanels(JsonNode nodes, List<Panel> into) {
    for (JsonNode node : nodes) {
      if ("row".equals(node.path("type").asText())) {
        collectPanels(node.path("panels"), into);
      } else {
        into.add(toPanel(node));
      }
    }
  }

  private static Panel toPanel(JsonNode node) {
    String title = node.path("title").asText();
    List<Query> queries = new ArrayList<>();
    for (JsonNode target : node.path("targets")) {
      if (target.hasNonNull("expr")) {
        String source = "%s panel %s \"%s\" target %s".formatted(
            fileName(DASHBOARD), node.path("id").asText(), title, target.path("refId").asText());
        queries.add(new Query(source, target.get("expr").asText()));
      }
    }
    return new Panel(title, node, List.copyOf(queries));
  }

  /** Template variables of type query; Grafana's own functions are unwrapped to their PromQL. */
  private static List<Query> variableQueries(JsonNode dashboard) {
    List<Query> queries = new ArrayList<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (!"query".equals(variable.path("type").asText())) {
        continue;
      }
      JsonNode query = variable.path("query");
      String text = query.isObject() ? query.path("query").asText() : query.asText();
      String promQl = unwrapGrafanaFunction(text);
      if (!promQl.isBlank()) {
        String source = fileName(DASHBOARD) + " variable " + variable.path("name").asText();
        queries.add(new Query(source, promQl));
      }
    }
    return queries;
  }

  private static String unwrapGrafanaFunction(String text) {
    Matcher labelValues = LABEL_VALUES.matcher(text);
    if (labelValues.matches()) {
      return labelValues.group(1);
    }
    Matcher queryResult = QUERY_RESULT.matcher(text);
    if (queryResult.matches()) {
      return queryResult.group(1);
    }
    // label_values(label) and metrics(regex) read no named metric
    return text.matches("(?s)^\\s*(label_values|metrics)\\(.*") ? "" : text;
  }

  private static Rule toRule(String group, JsonNode rule) {
    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
    String forDuration = rule.hasNonNull("for") ? rule.get("for").asText() : null;
    return new Rule(group, name, rule.path("expr").asText(), forDuration,
        strings(rule.path("labels")), strings(rule.path("annotations")));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static JsonNode read(String file, ObjectMapper mapper) {
    Path path = repositoryRoot().resolve(file);
    try {
      return mapper.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static String fileName(String file) {
    return Path.of(file).getFileName().toString();
  }
}
