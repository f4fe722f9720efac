package dev.kup.testkit;

import dev.kup.localkit.ChildProcessKafkaBroker;
import dev.kup.localkit.KafkaBroker;
import java.lang.System.Logger.Level;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives test classes one real {@link KafkaBroker} per test run, shared by every class and held in
 * JUnit's root store, which shuts it down when the run ends. Resolves parameters of type {@link
 * KafkaBroker} in constructors, lifecycle and test methods.
 *
 * <p>The broker is, in order of preference: the one at {@value #BOOTSTRAP_SERVERS_ENV} when that
 * variable is set; a Testcontainers Kafka when system property {@value #CONTAINERS_PROPERTY} is
 * {@code true} (the {@code -Ptestcontainers} profile) and Docker answers; otherwise a {@link
 * ChildProcessKafkaBroker}. Only the last is {@link KafkaBroker#restartable()}. Topics outlive test
 * classes, so each class should use topic names of its own.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

  /** Environment variable naming an external broker to use instead of starting one. */
  public static final String BOOTSTRAP_SERVERS_ENV = "KUP_TEST_BOOTSTRAP_SERVERS";

  /** System property that, set to {@code true}, prefers a Testcontainers broker. */
  public static final String CONTAINERS_PROPERTY = "kup.test.containers";

  private static final Namespace NAMESPACE = Namespace.create(KafkaBrokerExtension.class);
  private static final System.Logger LOG = System.getLogger(KafkaBrokerExtension.class.getName());

  @Override
  public void beforeAll(ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public KafkaBroker resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker(context);
  }

  private static KafkaBroker broker(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedBroker.class, key -> startBroker(), SharedBroker.class)
        .broker();
  }

  private static SharedBroker startBroker() {
    long started = System.nanoTime();
    SharedBroker shared = chooseAndStart();
    LOG.log(
        Level.INFO,
        "Kafka for this test run: {0}, ready in {1} ms",
        shared.broker(),
        (System.nanoTime() - started) / 1_000_000);
    return shared;
  }

  private static SharedBroker chooseAndStart() {
    String external = System.getenv(BOOTSTRAP_SERVERS_ENV);
    if (external != null && !external.isBlank()) {
      return new SharedBroker(new ExternalKafkaBroker(external.strip(), "external"), () -> {});
    }
    if (Boolean.getBoolean(CONTAINERS_PROPERTY)) {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return startContainer();
      }
      LOG.log(
          Level.WARNING,
          "{0}=true but Docker does not answer; starting Kafka as a child JVM",
          CONTAINERS_PROPERTY);
    }
    ChildProcessKafkaBroker child = ChildProcessKafkaBroker.startNew();
    return new SharedBroker(child, child::close);
  }

  private static SharedBroker startContainer() {
    KafkaContainer container =
        new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion())
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    container.start();
    return new SharedBroker(
        new ExternalKafkaBroker(container.getBootstrapServers(), "Testcontainers"),
        container::stop);
  }

  /** The run's broker and what shuts it down; JUnit closes it when the root store closes. */
  private record SharedBroker(KafkaBroker broker, Runnable shutdown) implements AutoCloseable {
    @Override
    public void close() {
      shutdown.run();
    }
  }
}
