package dev.kup.router;

import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The router's Kafka Streams topology: one source over every input topic, one {@link
 * RouteProcessor}, and two sinks, the output topic and the dead-letter topic. Bytes in, bytes out.
 *
 * <p>No repartition and no state: each record is routed where it is read and forwarded at once,
 * so the records of one input partition reach their output partitions in their input order. The
 * output key {@code table:canonical-key} is the re-keying: the producer's default partitioner puts
 * every change of a row into one partition, as it does for records published by {@code kup
 * publish}.
 */
public final class RouterTopology {
  /** Name of the source node over the input topics. */
  public static final String SOURCE = "router-input";

  /** Name of the processor node. */
  public static final String ROUTER = "router";

  /** Name of the sink node writing update records to the output topic. */
  public static final String UPDATES_SINK = "router-updates";

  /** Name of the sink node writing dead letters. */
  public static final String DEAD_LETTER_SINK = "router-dead-letters";

  private final RouterOptions options;
  private final Clock clock;

  /** @param clock the time dead letters say they failed at */
  public RouterTopology(RouterOptions options, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new topology; each call builds one of its own. */
  public Topology build() {
    RecordRouter router = new RecordRouter(options.tables());
    RouterDeadLetters deadLetters = new RouterDeadLetters(options, clock);
    Topology topology = new Topology();
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        options.inputTopics().toArray(String[]::new));
    topology.addProcessor(ROUTER, () -> new RouteProcessor(router, deadLetters), SOURCE);
    topology.addSink(UPDATES_SINK, options.outputTopic(), new ByteArraySerializer(),
        new ByteArraySerializer(), ROUTER);
    topology.addSink(DEAD_LETTER_SINK, options.deadLetterTopic(), new ByteArraySerializer(),
        new ByteArraySerializer(), ROUTER);
    return topology;
  }
}
