package dev.kup.consumer;

import dev.kup.consumer.monitoring.ServiceEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a role opened, closed in order; a failure to close one does not keep the others open. */
final class OpenResources {
  private static final Logger LOG = LoggerFactory.getLogger(OpenResources.class);

  private OpenResources() {}

  static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn(ServiceEvent.CLOSE_FAILED.marker(), "closing failed: {}", e.toString());
      }
    }
  }
}
