package dev.kup.consumer.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading one setting's value for either role, with a {@link ConfigException} naming the setting
 * when it is bad.
 */
final class SettingValues {
  private SettingValues() {}

  /** KUP_INSTANCE_ID, or null when not given (the client ids then name the host and process). */
  static String instanceId(ConfigSource source) {
    return source.get(Setting.INSTANCE_ID).filter(id -> !id.isBlank()).orElse(null);
  }

  static double fraction(ConfigSource source, Setting setting) {
    String text = required(source, setting);
    try {
      double value = Double.parseDouble(text);
      if (value < 0 || value > 1) {
        throw new ConfigException(setting.envName() + " must be between 0 and 1, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(setting.envName() + " must be a number, got '" + text + "'");
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, ISO-8601 ({@code PT30S}), or bare seconds. */
  static Duration duration(ConfigSource source, Setting setting) {
    String text = required(source, setting).trim().toLowerCase(Locale.ROOT);
    try {
      Duration value;
      if (text.startsWith("pt")) {
        value = Duration.parse(text.toUpperCase(Locale.ROOT));
      } else if (text.endsWith("ms")) {
        value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
      } else if (text.endsWith("s")) {
        value = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      } else if (text.endsWith("m")) {
        value = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      } else {
        value = Duration.ofSeconds(Long.parseLong(text));
      }
      if (value.isNegative() || value.isZero()) {
        throw new ConfigException(setting.envName() + " must be > 0, got '" + text + "'");
      }
      return value;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new ConfigException(setting.envName() + " must be a duration such as 500ms, 30s, 2m"
          + " or PT30S, got '" + text + "'");
    }
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

  static String required(ConfigSource source, Setting setting) {
    return source.get(setting).orElseThrow(() -> new ConfigException(
        setting.envName() + " is required (" + setting.description() + ")"));
  }

  static int positiveInt(ConfigSource source, Setting setting) {
    long value = positiveLong(source, setting);
    if (value > Integer.MAX_VALUE) {
      throw new ConfigException(setting.envName() + " is too large: " + value);
    }
    return (int) value;
  }

  static int port(ConfigSource source, Setting setting) {
    long value = nonNegativeLong(source, setting);
    if (value > 65535) {
      throw new ConfigException(setting.envName() + " must be a port number, got " + value);
    }
    return (int) value;
  }

  static long positiveLong(ConfigSource source, Setting setting) {
    long value = nonNegativeLong(source, setting);
    if (value == 0) {
      throw new ConfigException(setting.envName() + " must be > 0");
    }
    return value;
  }

  static long nonNegativeLong(ConfigSource source, Setting setting) {
    String text = required(source, setting);
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new ConfigException(setting.envName() + " must be >= 0, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(setting.envName() + " must be a whole number, got '" + text + "'");
    }
  }

  static boolean bool(ConfigSource source, Setting setting) {
    String text = required(source, setting).toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new ConfigException(setting.envName() + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }
}
