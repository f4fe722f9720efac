package dev.kup.consumer;

import dev.kup.consumer.config.ConfigException;
import dev.kup.consumer.config.ConfigSource;
import dev.kup.consumer.config.KupConfig;
import dev.kup.consumer.config.Role;
import dev.kup.consumer.config.RouterConfig;
import dev.kup.consumer.monitoring.ServiceEvent;
import dev.kup.pipeline.intake.FatalPipelineException;
import dev.kup.pipeline.validate.CatalogException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar kup-consumer.jar [--config FILE]}: the consumer service, or the router when
 * {@code KUP_ROLE=router}. Exit codes: 0 after a clean stop (SIGTERM or SIGINT), 1 on a fatal
 * failure, 2 on invalid configuration.
 */
public final class KupConsumerMain {
  static final int EXIT_FATAL = 1;
  static final int EXIT_CONFIG = 2;
  /** The role's name in every log line's {@code service.name}; the JSON layout reads it. */
  static final String SERVICE_NAME_PROPERTY = "kup.service.name";

  private KupConsumerMain() {}

  public static void main(String[] args) {
    if ("text".equalsIgnoreCase(System.getenv("KUP_LOG_FORMAT"))) {
      System.setProperty("log4j2.configurationFile", "log4j2-text.xml");
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.exit(run(args));
  }

  private static int run(String[] args) {
    Logger log = LoggerFactory.getLogger(KupConsumerMain.class);
    KupConfig config;
    try {
      ConfigSource source = ConfigSource.of(System.getenv(), configFile(args));
      Role role = Role.of(source);
      System.setProperty(SERVICE_NAME_PROPERTY, role.serviceName());
      if (role == Role.ROUTER) {
        return runRouter(RouterConfig.from(source), log);
      }
      config = KupConfig.from(source);
    } catch (ConfigException e) {
      System.err.println("kup: invalid configuration: " + e.getMessage());
      log.error(ServiceEvent.CONFIG_INVALID.marker(), "invalid configuration: {}", e.getMessage());
      return EXIT_CONFIG;
    }
    // the loop bounds in-flight work by the shutdown timeout; the margin covers commit and close
    StopSignals signals = StopSignals.install(config.pipeline().shutdownTimeout().plusSeconds(10));
    try (KupService service = KupService.create(
        config, SystemPropertyFaultPoints.fromSystemProperties(), Clock.systemUTC())) {
      signals.attach(service);
      service.run();
      log.info(ServiceEvent.SERVICE_STOPPED.marker(), "consumer stopped");
      return 0;
    } catch (ConfigException | CatalogException e) {
      System.err.println("kup: " + e.getMessage());
      log.error(ServiceEvent.STARTUP_FAILED.marker(), "start failed: {}", e.getMessage());
      return EXIT_CONFIG;
    } catch (FatalPipelineException e) {
      log.error(ServiceEvent.FATAL.marker(), "fatal failure: {}", e.getMessage(), e);
      return EXIT_FATAL;
    } catch (RuntimeException e) {
      log.error(ServiceEvent.STARTUP_FAILED.marker(), "start failed: {}", e.toString(), e);
      System.err.println("kup: " + e);
      return EXIT_FATAL;
    }
  }

  private static int runRouter(RouterConfig config, Logger log) {
    StopSignals signals = StopSignals.install(config.shutdownTimeout().plusSeconds(10));
    try (RouterService router = RouterService.create(config, Clock.systemUTC())) {
      signals.attach(router);
      router.run();
      log.info(ServiceEvent.SERVICE_STOPPED.marker(), "router stopped");
      return 0;
    } catch (ConfigException e) {
      System.err.println("kup: " + e.getMessage());
      log.error(ServiceEvent.STARTUP_FAILED.marker(), "start failed: {}", e.getMessage());
      return EXIT_CONFIG;
    } catch (RuntimeException e) {
      log.error(ServiceEvent.FATAL.marker(), "fatal failure: {}", e.toString(), e);
      System.err.println("kup: " + e);
      return EXIT_FATAL;
    }
  }

  private static Optional<Path> configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith("--config=")) {
        return Optional.of(Path.of(args[i].substring("--config=".length())));
      }
      throw new ConfigException("unknown argument '" + args[i] + "'; usage: [--config FILE]");
    }
    return Optional.empty();
  }
}
