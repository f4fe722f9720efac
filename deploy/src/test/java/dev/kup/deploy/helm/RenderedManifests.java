package dev.kup.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The objects one {@code helm template} rendered, parsed into Kubernetes' own models (fabric8).
 * Parsing is strict: fabric8 keeps a field its model does not know in the object's
 * additionalProperties, so any such field anywhere in an object fails the parse.
 */
final class RenderedManifests {
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private final List<HasMetadata> objects;

  private RenderedManifests(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  static RenderedManifests parse(String rendered) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
      if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      HasMetadata object = KUBERNETES.unmarshal(document, HasMetadata.class);
      List<String> unknown = new ArrayList<>();
      unknownFields(object, object.getKind(), unknown);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("fields Kubernetes does not know: " + unknown);
      }
      objects.add(object);
    }
    return new RenderedManifests(objects);
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T single(Class<T> type) {
    List<T> found = ofType(type);
    assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  List<GenericKubernetesResource> custom(String kind) {
    return ofType(GenericKubernetesResource.class).stream()
        .filter(r -> r.getKind().equals(kind)).toList();
  }

  /** The consumer's Deployment (the router's, when enabled, is {@link #routerDeployment()}). */
  Deployment deployment() {
    List<Deployment> consumers = ofType(Deployment.class).stream()
        .filter(d -> !isRouter(d)).toList();
    assertThat(consumers).as("rendered consumer Deployments").hasSize(1);
    return consumers.get(0);
  }

  /** The router's Deployment, if rendered. */
  java.util.Optional<Deployment> routerDeployment() {
    return ofType(Deployment.class).stream().filter(RenderedManifests::isRouter).findFirst();
  }

  private static boolean isRouter(HasMetadata object) {
    return "router".equals(object.getMetadata().getLabels().get("app.kubernetes.io/component"));
  }

  List<ConfigMap> configMaps() {
    return ofType(ConfigMap.class);
  }

  List<Secret> secrets() {
    return ofType(Secret.class);
  }

  /**
   * Walks the model's getters and collects the path of every field that landed in an
   * additionalProperties map. Custom resources (GenericKubernetesResource) keep their whole body
   * there by design; their fields are checked by the tests that read them.
   */
  private static void unknownFields(Object node, String path, List<String> unknown) {
    if (node == null || node instanceof GenericKubernetesResource) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
      return;
    }
    if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(key -> unknown.add(path + "." + key));
        }
      } else {
        unknownFields(value, path + "." + property(getter), unknown);
      }
    }
  }

  private static boolean isGetter(Method method) {
    return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
        && method.getName().startsWith("get") && !method.getName().equals("getClass");
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }
}
