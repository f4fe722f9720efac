package dev.kup.consumer.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading one setting's value, with a {@link ConfigException} naming it when it is bad. */
final class SettingValues {
  private SettingValues() {}

  static String required(ConfigSource source, Setting setting) {
    return source.get(setting).orElseThrow(() -> new ConfigException(
        setting.envName() + " is required (" + setting.description() + ")"));
  }

  /** The non-blank items of a comma-separated list, trimmed. */
  static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  static int port(ConfigSource source, Setting setting) {
    String text = required(source, setting);
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0 || value > 65535) {
        throw new ConfigException(setting.envName() + " must be a port number, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(setting.envName() + " must be a port number, got '" + text + "'");
    }
  }

  /** KUP_INSTANCE_ID, else the host name (a pod's or container's name), else the process id. */
  static String instanceId(ConfigSource source) {
    return source.get(Setting.INSTANCE_ID).filter(id -> !id.isBlank())
        .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()))
        .orElse(String.valueOf(ProcessHandle.current().pid()));
  }
}
