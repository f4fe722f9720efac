package dev.kup.demo.stack;

import dev.kup.localkit.ChildProcessKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's Kafka: the cluster {@code KUP_BOOTSTRAP_SERVERS} names, else a local single-node
 * KRaft broker started as a child JVM, exactly as the tests start theirs, with its data kept in a
 * folder so that the next run resumes it. Closing stops the local broker; an outside cluster is
 * left alone.
 */
public final class DemoKafka implements AutoCloseable {
  static final String BOOTSTRAP_SERVERS = "KUP_BOOTSTRAP_SERVERS";

  private final String bootstrapServers;
  private final Optional<ChildProcessKafkaBroker> local;

  private DemoKafka(String bootstrapServers, Optional<ChildProcessKafkaBroker> local) {
    this.bootstrapServers = bootstrapServers;
    this.local = local;
  }

  /** Connects to {@code KUP_BOOTSTRAP_SERVERS}, or starts the local broker kept in {@code dir}. */
  public static DemoKafka open(Map<String, String> env, Path dir) {
    String configured = env.get(BOOTSTRAP_SERVERS);
    if (configured != null && !configured.isBlank()) {
      return new DemoKafka(configured, Optional.empty());
    }
    ChildProcessKafkaBroker broker = ChildProcessKafkaBroker.startIn(dir);
    return new DemoKafka(broker.bootstrapServers(), Optional.of(broker));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Whether the demo started this broker itself. */
  public boolean local() {
    return local.isPresent();
  }

  @Override
  public void close() {
    local.ifPresent(ChildProcessKafkaBroker::close);
  }
}
