package dev.kup.testkit;

import dev.kup.localkit.KafkaBroker;

/**
 * A broker whose process this code does not control (one given by address, or a container), so
 * tests can neither stop nor start it.
 */
final class ExternalKafkaBroker implements KafkaBroker {

  private final String bootstrapServers;
  private final String origin;

  /**
   * @param bootstrapServers the {@code host:port} list to connect to
   * @param origin what runs the broker, for messages, such as {@code "Testcontainers"}
   */
  ExternalKafkaBroker(String bootstrapServers, String origin) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    this.bootstrapServers = bootstrapServers;
    this.origin = origin;
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public boolean restartable() {
    return false;
  }

  @Override
  public void stop() {
    throw new UnsupportedOperationException(this + " is not restartable");
  }

  @Override
  public void start() {
    throw new UnsupportedOperationException(this + " is not restartable");
  }

  @Override
  public String toString() {
    return origin + " Kafka at " + bootstrapServers;
  }
}
