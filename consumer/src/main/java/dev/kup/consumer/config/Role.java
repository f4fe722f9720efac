package dev.kup.consumer.config;

import java.util.Locale;

/** What this process is ({@code KUP_ROLE}): the consumer service or the router. */
public enum Role {
  CONSUMER,
  ROUTER;

  /**
   * The {@code service.name} of this role's log lines: {@code kup} for the consumer, {@code
   * kup-router} for the router, as their Prometheus jobs are named.
   */
  public String serviceName() {
    return this == CONSUMER ? "kup" : "kup-router";
  }

  /** The role the settings name; the consumer by default. */
  public static Role of(ConfigSource source) {
    String text = SettingValues.required(source, Setting.ROLE).trim();
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          Setting.ROLE.envName() + " must be consumer or router, got '" + text + "'");
    }
  }
}
