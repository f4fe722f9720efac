package dev.kup.schemas;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Kafka {@code client.id}s unique per process, so broker-side metrics and quotas tell replicas
 * apart: {@code <role>-<host>-<pid>}, e.g. {@code kup-consumer-kup-7d9f-1}.
 */
public final class ClientIds {
  private ClientIds() {}

  /** {@code <role>-<host>-<pid>} for this process. */
  public static String of(String role) {
    return of(role, hostName(), ProcessHandle.current().pid());
  }

  /** {@code <role>-<host>-<pid>}, with characters Kafka's metrics do not like replaced by {@code _}. */
  static String of(String role, String host, long pid) {
    String id = role + "-" + host + "-" + pid;
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
  }

  /** $HOSTNAME when set (every container has it), else the resolver's name, else "localhost". */
  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
