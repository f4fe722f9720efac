package dev.kup.bench.kafka;

import dev.kup.localkit.stream.UpdateStream;

/** Publishes a whole stream to a new topic at once, as the backlog a consumer will drain. */
public final class BacklogPublisher {

  private final String bootstrapServers;
  private final BenchTopics topics;

  public BacklogPublisher(String bootstrapServers, BenchTopics topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
  }

  /**
   * Creates {@code topic} and publishes every update of {@code stream} to it, in order.
   *
   * @return the records published per second
   * @throws IllegalStateException if a send fails or the topic ends up with another record count
   */
  public double publish(UpdateStream stream, String topic) {
    topics.create(topic);
    long start = System.nanoTime();
    try (UpdateProducer producer =
        new UpdateProducer(bootstrapServers, topic, UpdateProducer.BACKLOG)) {
      for (int i = 0; i < stream.size(); i++) {
        producer.send(stream, i);
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long inTopic = topics.totalEndOffset(topic);
    if (inTopic != stream.size()) {
      throw new IllegalStateException(
          topic + " holds " + inTopic + " records after publishing " + stream.size());
    }
    return stream.size() / seconds;
  }
}
