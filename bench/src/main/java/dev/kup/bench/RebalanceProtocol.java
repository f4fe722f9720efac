package dev.kup.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A way a kup user can make a consumer group rebalance, chosen with kup's {@code KUP_KAFKA_*}
 * pass-through settings; the {@code rebalance} phase runs once per chosen protocol.
 */
public enum RebalanceProtocol {
  /** Kafka 4.1's defaults: the classic protocol with range first among the assignors, so eager. */
  CLASSIC("classic", "classic, default assignors (eager)", Map.of()),
  /** The classic protocol with incremental (cooperative) rebalancing. */
  COOPERATIVE("cooperative", "classic, CooperativeStickyAssignor",
      Map.of("KUP_KAFKA_PARTITION_ASSIGNMENT_STRATEGY",
          "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")),
  /** KIP-848: the broker assigns, incrementally. */
  CONSUMER("consumer", "consumer protocol (KIP-848)",
      Map.of("KUP_KAFKA_GROUP_PROTOCOL", "consumer"));

  /** The protocols the phase runs when none are chosen: all of them. */
  public static final List<RebalanceProtocol> ALL = List.of(values());

  private final String label;
  private final String description;
  private final Map<String, String> kupSettings;

  RebalanceProtocol(String label, String description, Map<String, String> kupSettings) {
    this.label = label;
    this.description = description;
    this.kupSettings = kupSettings;
  }

  public String label() {
    return label;
  }

  /** For people: which protocol and assignors. */
  public String description() {
    return description;
  }

  /** The {@code KUP_*} variables that choose it; empty for kup's defaults. */
  public Map<String, String> kupSettings() {
    return kupSettings;
  }

  /**
   * Reads a comma-separated list such as {@code classic,consumer}, in the given order.
   *
   * @throws IllegalArgumentException naming the unknown protocol
   */
  public static List<RebalanceProtocol> parse(String list) {
    List<RebalanceProtocol> protocols = new ArrayList<>();
    for (String name : list.split(",")) {
      RebalanceProtocol protocol = Arrays.stream(values())
          .filter(p -> p.label.equals(name.strip())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--rebalance-protocols: unknown"
              + " protocol '" + name + "'; choose from classic, cooperative, consumer"));
      if (!protocols.contains(protocol)) {
        protocols.add(protocol);
      }
    }
    return List.copyOf(protocols);
  }
}
