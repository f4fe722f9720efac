package dev.kup.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** helm/kup, rendered and linted by Helm itself (helm-java runs Helm's Go code in process). */
final class KupChart {
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  static final Path CHART = REPOSITORY.resolve("helm/kup");
  static final String RELEASE = "kup";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KupChart() {}

  /** helm template with the chart's defaults, then {@code valuesFile} (may be null), then sets. */
  static RenderedManifests render(Path valuesFile, Map<String, Object> sets) {
    TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("apps");
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    sets.forEach(template::set);
    return RenderedManifests.parse(template.call());
  }

  static RenderedManifests render(Map<String, Object> sets) {
    return render(null, sets);
  }

  /**
   * helm lint --strict with {@code valuesFile} over the defaults. helm-java's lint takes no values
   * file, so it lints a copy of the chart whose values.yaml is the defaults merged with the file.
   */
  static LintResult lint(Path valuesFile, Path workDir) {
    if (valuesFile == null) {
      return new Helm(CHART).lint().strict().call();
    }
    Path copy = workDir.resolve("kup");
    copyChart(copy);
    try {
      JsonNode merged = merge(YAML.readTree(CHART.resolve("values.yaml").toFile()),
          YAML.readTree(valuesFile.toFile()));
      YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Helm(copy).lint().strict().call();
  }

  static Path valuesFile(String name) {
    return CHART.resolve(name);
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's own merge of values: maps deeply, everything else replaced. */
  private static JsonNode merge(JsonNode base, JsonNode overlay) {
    if (!(base instanceof ObjectNode baseObject) || !overlay.isObject()) {
      return overlay;
    }
    ObjectNode result = baseObject.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode existing = result.get(field.getKey());
      result.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
    }
    return result;
  }

  /** The chart's files as they are, the links to dashboards/ replaced by what they point to. */
  private static void copyChart(Path target) {
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
        Path destination = target.resolve(CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
