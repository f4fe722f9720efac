package dev.kup.localkit;

import java.nio.file.Path;
import java.util.Properties;

/** The server.properties of the local broker: one KRaft node, loopback only, sized for tests. */
final class BrokerSettings {

  private BrokerSettings() {}

  /**
   * Returns the settings of a combined broker and controller with node id 1.
   *
   * @param port the client (PLAINTEXT) port on 127.0.0.1
   * @param controllerPort the KRaft controller port on 127.0.0.1
   * @param dataDir the log directory, which also holds the metadata log
   */
  static Properties singleNode(int port, int controllerPort, Path dataDir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty("log.dirs", dataDir.toString());
    singleReplicaInternalTopics(p);
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // The defaults floor session timeouts at 6 s (classic) and 45 s (consumer protocol); tests that
    // kill consumers may ask for less. Only the floors move, the defaults stay.
    p.setProperty("group.min.session.timeout.ms", "1000");
    p.setProperty("group.consumer.min.session.timeout.ms", "1000");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "500");
    p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "1");
    return p;
  }

  /**
   * The client port of settings made by {@link #singleNode}.
   *
   * @throws IllegalStateException when {@code advertised.listeners} is not one PLAINTEXT listener
   *     on 127.0.0.1
   */
  static int clientPort(Properties settings) {
    String prefix = "PLAINTEXT://127.0.0.1:";
    String listener = settings.getProperty("advertised.listeners", "");
    if (!listener.startsWith(prefix)) {
      throw new IllegalStateException(
          "advertised.listeners '" + listener + "' was not written by kup's local kit");
    }
    return Integer.parseInt(listener.substring(prefix.length()));
  }

  private static void singleReplicaInternalTopics(Properties p) {
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
  }
}
