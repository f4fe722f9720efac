package dev.kup.deploy.compose;

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

/**
 * The repository's top-level {@value #FILE} as written (variables not interpolated), read once per
 * instance. Relative bind-mount sources resolve against the repository root, as Compose resolves
 * them against the file's directory. Immutable; safe to share.
 */
final class ComposeFile {
  static final String FILE = "docker-compose.yml";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path root;
  private final JsonNode document;

  private ComposeFile(Path root, JsonNode document) {
    this.root = root;
    this.document = document;
  }

  static ComposeFile load() {
    Path root = repositoryRoot();
    return new ComposeFile(root, readYaml(root.resolve(FILE)));
  }

  /** A bind mount: {@code source} on the host (absolute), {@code target} in the container. */
  record BindMount(Path source, String target) {}

  Path root() {
    return root;
  }

  Path path() {
    return root.resolve(FILE);
  }

  List<String> serviceNames() {
    List<String> names = new ArrayList<>();
    document.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  JsonNode service(String name) {
    JsonNode service = document.path("services").path(name);
    if (!service.isObject()) {
      throw new IllegalStateException(FILE + " has no service '" + name + "'");
    }
    return service;
  }

  /** The service's environment, in either of Compose's forms (map, or list of NAME=value). */
  Map<String, String> environment(String service) {
    JsonNode env = service(service).path("environment");
    Map<String, String> vars = new LinkedHashMap<>();
    if (env.isObject()) {
      env.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
    } else {
      for (JsonNode entry : env) {
        String[] parts = entry.asText().split("=", 2);
        vars.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return vars;
  }

  /** The service's bind mounts, short syntax ({@code ./src:/target[:ro]}) and long syntax. */
  List<BindMount> bindMounts(String service) {
    List<BindMount> mounts = new ArrayList<>();
    for (JsonNode volume : service(service).path("volumes")) {
      if (volume.isTextual()) {
        String[] parts = volume.asText().split(":");
        if (isHostPath(parts[0])) {
          mounts.add(new BindMount(root.resolve(parts[0]).normalize(), parts[1]));
        }
      } else if ("bind".equals(volume.path("type").asText())) {
        mounts.add(new BindMount(root.resolve(volume.path("source").asText()).normalize(),
            volume.path("target").asText()));
      }
    }
    return mounts;
  }

  /** Where the service's bind mount at {@code target} comes from on the host. */
  Path mountSource(String service, String target) {
    return bindMounts(service).stream().filter(m -> m.target().equals(target)).findFirst()
        .map(BindMount::source)
        .orElseThrow(() -> new IllegalStateException(
            "service " + service + " mounts nothing at " + target));
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The nearest directory, from the working one upwards, that holds {@code mvnw}. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no mvnw in " + Path.of("").toAbsolutePath() + " or above");
  }

  private static boolean isHostPath(String source) {
    return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
  }
}
