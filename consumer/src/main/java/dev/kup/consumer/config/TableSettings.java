package dev.kup.consumer.config;

import dev.kup.pipeline.config.ConflictPolicy;
import dev.kup.pipeline.config.TableOptions;
import dev.kup.pipeline.config.VersionMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The allow-list and its per-table settings ({@code table:value} pairs, every table allow-listed):
 * version column, conflict policy, version mode. A bad entry fails naming its setting.
 */
final class TableSettings {
  private TableSettings() {}

  /** Each allow-listed table's options, in allow-list order. */
  static List<TableOptions> read(ConfigSource source) {
    Map<String, TableOptions> tables = new LinkedHashMap<>();
    ConflictPolicy fallback = parsed(Setting.CONFLICT_POLICY,
        source.get(Setting.CONFLICT_POLICY).orElseThrow(), ConflictPolicy::parse);
    for (String name : SettingValues.list(SettingValues.required(source, Setting.TABLES))) {
      tables.put(name, new TableOptions(
          name, TableOptions.DEFAULT_VERSION_COLUMN, fallback, VersionMode.EXPECTED));
    }
    pairs(source, Setting.VERSION_COLUMNS, tables).forEach((table, column) -> {
      TableOptions t = tables.get(table);
      tables.put(table, new TableOptions(table, column, t.conflictPolicy(), t.versionMode()));
    });
    pairs(source, Setting.CONFLICT_POLICIES, tables).forEach((table, text) -> {
      TableOptions t = tables.get(table);
      ConflictPolicy policy = parsed(Setting.CONFLICT_POLICIES, text, ConflictPolicy::parse);
      tables.put(table, new TableOptions(table, t.versionColumn(), policy, t.versionMode()));
    });
    pairs(source, Setting.VERSION_MODES, tables).forEach((table, text) -> {
      TableOptions t = tables.get(table);
      VersionMode mode = parsed(Setting.VERSION_MODES, text, VersionMode::parse);
      tables.put(table, new TableOptions(table, t.versionColumn(), t.conflictPolicy(), mode));
    });
    return List.copyOf(tables.values());
  }

  /** Parses {@code table:value,...}; every table must be allow-listed. */
  private static Map<String, String> pairs(
      ConfigSource source, Setting setting, Map<String, TableOptions> tables) {
    Map<String, String> pairs = new TreeMap<>();
    for (String entry : SettingValues.list(source.get(setting).orElse(""))) {
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new ConfigException(
            setting.envName() + ": expected table:value, got '" + entry + "'");
      }
      String table = entry.substring(0, colon).trim();
      if (!tables.containsKey(table)) {
        throw new ConfigException(setting.envName() + ": table '" + table
            + "' is not in " + Setting.TABLES.envName());
      }
      pairs.put(table, entry.substring(colon + 1).trim());
    }
    return pairs;
  }

  private static <T> T parsed(Setting setting, String text, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting.envName() + ": " + e.getMessage(), e);
    }
  }
}
