package dev.kup.router;

import dev.kup.schemas.DeadLetterReason;

/**
 * A change event that cannot become an update record, and why; thrown while mapping and turned
 * into a {@link Route.Rejected} by {@link RecordRouter}. Carries no stack trace.
 */
final class RouteRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DeadLetterReason reason;

  RouteRejection(DeadLetterReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  DeadLetterReason reason() {
    return reason;
  }
}
