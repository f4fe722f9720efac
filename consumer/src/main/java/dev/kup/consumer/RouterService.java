package dev.kup.consumer;

import dev.kup.consumer.config.ConfigException;
import dev.kup.consumer.config.RouterConfig;
import dev.kup.consumer.monitoring.HttpEndpoints;
import dev.kup.consumer.monitoring.MeterRegistries;
import dev.kup.consumer.monitoring.RouterHealth;
import dev.kup.consumer.monitoring.ServiceEvent;
import dev.kup.router.RouterStreams;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router role ({@code KUP_ROLE=router}): runs the router's Kafka Streams application with the
 * consumer's operability — {@code /metrics} (Micrometer's Kafka Streams binder), {@code
 * /health/live} and {@code /health/ready} (ready while RUNNING), a clean stop on SIGTERM.
 */
public final class RouterService implements Stoppable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RouterService.class);

  private final KafkaStreams streams;
  private final HttpEndpoints http;
  private final List<AutoCloseable> resources;
  private final CountDownLatch ended = new CountDownLatch(1);

  private RouterService(KafkaStreams streams, HttpEndpoints http, List<AutoCloseable> resources) {
    this.streams = streams;
    this.http = http;
    this.resources = resources;
    streams.setStateListener((now, before) -> {
      LOG.info(ServiceEvent.ROUTER_STATE.marker(), "router state={} previous={}", now, before);
      if (now == State.NOT_RUNNING || now == State.ERROR) {
        ended.countDown();
      }
    });
    // a failure no record caused (the broker refusing a transaction for good): stop, exit 1
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error(ServiceEvent.FATAL.marker(), "the router failed: {}", e.toString(), e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  /** Checks the topics and builds the Streams application; nothing runs until {@link #run}. */
  public static RouterService create(RouterConfig config, Clock clock) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      PrometheusMeterRegistry registry = MeterRegistries.prometheus();
      resources.add(registry::close);
      int maxLetterBytes = maxDeadLetterBytes(config);
      KafkaStreams streams = RouterStreams.create(
          config.options(maxLetterBytes), KafkaClientProperties.streams(config), clock);
      KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
      metrics.bindTo(registry);
      resources.add(0, metrics);
      HttpEndpoints http = HttpEndpoints.start(
          config.httpPort(), registry::scrape, new RouterHealth(streams::state));
      resources.add(0, http);
      LOG.info(ServiceEvent.ROUTER_CONFIGURED.marker(), "router configured: {} metricsPort={}",
          config, http.port());
      return new RouterService(streams, http, resources);
    } catch (RuntimeException e) {
      OpenResources.closeAll(resources);
      throw e;
    }
  }

  /**
   * Runs until {@link #stop} or a failure ends the application.
   *
   * @throws IllegalStateException when it ended in error
   */
  public void run() {
    streams.start();
    LOG.info(ServiceEvent.ROUTER_STARTED.marker(), "router started");
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (streams.state() == State.ERROR) {
      throw new IllegalStateException("the router's Kafka Streams application failed");
    }
  }

  /** Commits what it processed (a transaction), leaves the group and closes, within the bound. */
  @Override
  public boolean stop(Duration timeout) {
    boolean closed = streams.close(timeout);
    ended.countDown();
    return closed;
  }

  /** The port serving /metrics and /health. */
  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(10));
    OpenResources.closeAll(resources);
  }

  /**
   * The output and dead-letter topics must exist (a producer must not create them with the
   * broker's defaults); the largest letter is the smaller of the producer's and the topic's limit.
   */
  private static int maxDeadLetterBytes(RouterConfig config) {
    try (Admin client = Admin.create(KafkaClientProperties.admin(config))) {
      TopicProvisioner topics = new TopicProvisioner(client);
      for (String topic : Set.of(config.outputTopic(), config.deadLetterTopic())) {
        if (!topics.exists(topic)) {
          throw new ConfigException("topic '" + topic + "' does not exist; the router writes to"
              + " it (create it with the partitions of the consumer's topic)");
        }
      }
      int producer = KafkaClientProperties.maxRequestSize(new HashMap<>(config.kafkaPassThrough()));
      return Math.min(producer,
          topics.maxMessageBytes(config.deadLetterTopic()).orElse(Integer.MAX_VALUE));
    }
  }

}
